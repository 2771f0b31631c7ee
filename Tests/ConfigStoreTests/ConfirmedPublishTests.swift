import ConfigModel
import DigitalAccess
import XCTest

@testable import ConfigStore

/// `publish confirmed` in the store (SPEC §6), on every storage: a confirmation due at once
/// (zero seconds) is overdue without waiting, one due in an hour is not.
final class ConfirmedPublishTests: StorageTestCase {
    /// Alice publishes port 8443 (revision 1), then port 9443 on condition (revision 2).
    private func alicePublishesOnCondition(within seconds: Double) throws -> RevisionedStore {
        let store = try StoreFixture(storage).open()
        let alice = try store.candidate(for: "alice")
        try alice.set([(StoreFixture.port, "8443")])
        XCTAssertEqual(try alice.publishExpectingRevision(), 1)
        try alice.set([(StoreFixture.port, "9443")])
        var metadata = PublishMetadata(user: "alice", source: "interactive", comment: nil)
        metadata.confirmWithin = seconds
        guard case .published(2, _, _) = try alice.publish(metadata) else {
            XCTFail("expected revision 2")
            return store
        }
        return store
    }

    private func port(_ store: RevisionedStore) throws -> String? {
        try store.published().record(RecordKey(StoreFixture.port.parent))?["external-port"]
    }

    func testAnOverdueConfirmationIsRevertedUnderItsPublisherKeepingOthersChanges() throws {
        try onEachStorage {
            let store = try alicePublishesOnCondition(within: 0)
            let bob = try store.candidate(for: "bob")
            try bob.set([(StoreFixture.dnsName, "bob.example.com")])
            XCTAssertEqual(try bob.publishExpectingRevision(user: "bob"), 3)

            let reverts = try store.revertOverdue()
            XCTAssertEqual(reverts.map(\.result), [.published(revision: 4, changeCount: 1)])
            XCTAssertEqual(reverts.first?.confirmation.restores, 1)
            XCTAssertEqual(try port(store), "8443")
            XCTAssertEqual(try store.published().record(RecordKey(StoreFixture.dnsName.parent))?["external-dns-name"], "bob.example.com")
            let revert = try XCTUnwrap(try store.revision(4))
            XCTAssertEqual([revert.user, revert.source], ["alice", "auto-revert"])
            XCTAssertEqual(try store.pendingConfirmations(), [])
            XCTAssertEqual(try store.revertOverdue(), [], "a revert is published once")
        }
    }

    func testConfirmBeforeTheDeadlineKeepsThePublish() throws {
        try onEachStorage {
            let store = try alicePublishesOnCondition(within: 3600)
            XCTAssertEqual(try store.revertOverdue(), [])
            let pending = try store.pendingConfirmations()
            XCTAssertEqual(pending.map { [$0.revision, $0.restores] }, [[2, 1]])
            XCTAssertEqual(pending.first?.user, "alice")
            XCTAssertNil(try store.confirm(as: "bob"), "only the publisher confirms")
            XCTAssertEqual(try store.confirm(as: "alice")?.revision, 2)
            XCTAssertEqual(try store.pendingConfirmations(), [])
            XCTAssertEqual(try port(store), "9443")
        }
    }

    func testAnotherPublishBySamePublisherConfirms() throws {
        try onEachStorage {
            let store = try alicePublishesOnCondition(within: 3600)
            let bob = try store.candidate(for: "bob")
            try bob.set([(StoreFixture.dnsName, "bob.example.com")])
            _ = try bob.publishExpectingRevision(user: "bob")
            XCTAssertEqual(try store.pendingConfirmations().count, 1, "someone else's publish confirms nothing")
            let alice = try store.candidate(for: "alice")
            try alice.set([(StoreFixture.dnsName, "alice.example.com")])
            _ = try alice.publishExpectingRevision()
            XCTAssertEqual(try store.pendingConfirmations(), [])
        }
    }

    func testAnOverdueConfirmationIsNotConfirmedButReverted() throws {
        try onEachStorage {
            let store = try alicePublishesOnCondition(within: 0)
            XCTAssertNil(try store.confirm(as: "alice"))
            XCTAssertEqual(try store.revertOverdue().count, 1)
            XCTAssertEqual(try port(store), "8443")
        }
    }

    func testAConflictingNewerPublishFailsTheRevertAndIsKept() throws {
        try onEachStorage {
            let store = try alicePublishesOnCondition(within: 0)
            let bob = try store.candidate(for: "bob")
            try bob.set([(StoreFixture.port, "1000")])
            XCTAssertEqual(try bob.publishExpectingRevision(user: "bob"), 3)

            let reverts = try store.revertOverdue()
            guard case .failed(let reason)? = reverts.first?.result else { return XCTFail("expected a failed revert, got \(reverts)") }
            XCTAssertTrue(reason.contains("external-port: yours 8443, published 1000 in revision 3 by bob"), reason)
            XCTAssertEqual(try store.latestRevision(), 3, "nothing published")
            XCTAssertEqual(try port(store), "1000", "nothing overwritten")
            XCTAssertEqual(try store.pendingConfirmations().map(\.failure), [reason], "kept for status")
            XCTAssertEqual(try store.revertOverdue(), [], "not tried again")
            XCTAssertEqual(try store.confirm(as: "alice")?.failure, reason)
            XCTAssertEqual(try store.pendingConfirmations(), [])
        }
    }

    func testAConfirmationIsDueOnlyOnceTheStoresClockPassesItsDeadline() throws {
        let memory = MemoryStorage()
        let store = RevisionedStore(storage: memory, schema: DigitalAccessSchema.root, rules: [])
        let alice = try store.candidate(for: "alice")
        try alice.set([(StoreFixture.port, "9443")])
        var metadata = PublishMetadata(user: "alice", source: "interactive", comment: nil)
        metadata.confirmWithin = 60
        _ = try alice.publish(metadata)
        memory.advanceClock(by: 59)
        XCTAssertEqual(try store.revertOverdue(), [])
        memory.advanceClock(by: 1)
        XCTAssertEqual(try store.revertOverdue().map(\.result), [.published(revision: 2, changeCount: 1)])
        XCTAssertEqual(try store.configuration(atRevision: 2).record(RecordKey(StoreFixture.port.parent)), nil)
    }
}
