import ConfigModel
import XCTest

@testable import ConfigStore

final class RevisionTests: StorageTestCase {
    func testPublishWritesNumberedRevisionsWithHistory() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            XCTAssertEqual(try store.latestRevision(), 0)
            let candidate = try store.candidate(for: "alice")
            try candidate.set([(StoreFixture.dnsName, "ag5.example.com")])
            XCTAssertEqual(try candidate.publishExpectingRevision("first"), 1)
            try candidate.set([(StoreFixture.port, "8443")])
            XCTAssertEqual(try candidate.publishExpectingRevision(), 2)

            let history = try store.history(limit: nil)
            XCTAssertEqual(history.map(\.id), [2, 1])
            XCTAssertEqual(history[1].comment, "first")
            XCTAssertEqual(history[1].user, "alice")
            XCTAssertEqual(history[1].source, "interactive")
            XCTAssertEqual(history[1].changeCount, 1)
            XCTAssertEqual(try store.history(limit: 1).map(\.id), [2])
        }
    }

    func testConfigurationAtEveryRevision() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.scratchCandidate()
            try candidate.set([(StoreFixture.dnsName, "one.example.com")])
            _ = try candidate.publishExpectingRevision()
            try candidate.set([(StoreFixture.dnsName, "two.example.com"), (StoreFixture.user("bob", "email"), "bob@example.com")])
            _ = try candidate.publishExpectingRevision()

            XCTAssertNil(try store.configuration(atRevision: 0).value(at: StoreFixture.dnsName))
            XCTAssertEqual(try store.configuration(atRevision: 1).value(at: StoreFixture.dnsName), "one.example.com")
            XCTAssertFalse(try store.configuration(atRevision: 1).exists(StoreFixture.user("bob", "")))
            XCTAssertEqual(try store.configuration(atRevision: 2).value(at: StoreFixture.dnsName), "two.example.com")
            XCTAssertEqual(try store.published().value(at: StoreFixture.user("bob", "email")), "bob@example.com")
            XCTAssertThrowsError(try store.configuration(atRevision: 3)) { XCTAssertTrue($0 is NoSuchRevision) }
        }
    }

    func testChangesBetweenRevisionsInBothDirections() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.scratchCandidate()
            try candidate.set([(StoreFixture.dnsName, "one.example.com")])
            _ = try candidate.publishExpectingRevision()
            try candidate.set([(StoreFixture.dnsName, "two.example.com")])
            _ = try candidate.publishExpectingRevision()

            let forward = try store.changes(from: 0, to: 2, under: RecordKey(.root))
            XCTAssertEqual(forward.changes.count, 1)
            XCTAssertNil(forward.changes[0].old)
            XCTAssertEqual(forward.changes[0].new?["external-dns-name"], "two.example.com")
            XCTAssertEqual(try store.changes(from: 2, to: 1, under: RecordKey(.root)).changes[0].new?["external-dns-name"], "one.example.com")
            XCTAssertTrue(try store.changes(from: 1, to: 2, under: RecordKey(StoreFixture.user("x", ""))).isEmpty)
        }
    }

    /// A storage may read its change log a part at a time (PostgreSQL's, a thousand rows a
    /// query): a history longer than that is read whole, either way.
    func testALongChangeLogIsReadWhole() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.scratchCandidate()
            try candidate.set((0..<1_200).map { (StoreFixture.user("u\($0)", "email"), "u\($0)@example.com") })
            _ = try candidate.publishExpectingRevision()
            try candidate.set((0..<300).map { (StoreFixture.user("u\($0 * 4)", "email"), "new\($0)@example.com") })
            _ = try candidate.publishExpectingRevision()

            XCTAssertEqual(try store.changes(from: 0, to: 2, under: RecordKey(.root)).changes.count, 1_200)
            XCTAssertEqual(try store.changes(from: 2, to: 0, under: RecordKey(.root)).changes.count, 1_200)
            XCTAssertEqual(try store.configuration(atRevision: 1).value(at: StoreFixture.user("u1196", "email")), "u1196@example.com")
            XCTAssertEqual(try store.configuration(atRevision: 2).value(at: StoreFixture.user("u1196", "email")), "new299@example.com")
            XCTAssertFalse(try store.configuration(atRevision: 0).exists(StoreFixture.user("u0", "")))
        }
    }

    func testEmptyCandidatePublishesNothing() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.scratchCandidate()
            XCTAssertEqual(try candidate.publish(PublishMetadata(user: "a", source: "-c", comment: nil)), .nothingToPublish)
            XCTAssertEqual(try store.latestRevision(), 0)
        }
    }

    func testSettingALeafBackToItsPublishedValueLeavesNothingPending() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.candidate(for: "alice")
            try candidate.set([(StoreFixture.dnsName, "one.example.com")])
            _ = try candidate.publishExpectingRevision()
            try candidate.set([(StoreFixture.dnsName, "two.example.com")])
            XCTAssertEqual(try candidate.status().pendingChanges, 1)
            try candidate.set([(StoreFixture.dnsName, "one.example.com")])
            XCTAssertEqual(try candidate.status().pendingChanges, 0)
        }
    }

    func testRollbackLoadsARevisionIntoTheCandidateOnly() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.candidate(for: "alice")
            try candidate.set([(StoreFixture.dnsName, "one.example.com")])
            _ = try candidate.publishExpectingRevision()
            try candidate.set([(StoreFixture.dnsName, "two.example.com"), (StoreFixture.user("bob", "email"), "bob@example.com")])
            _ = try candidate.publishExpectingRevision()

            try candidate.rollback(to: 1)
            XCTAssertEqual(try candidate.value(at: StoreFixture.dnsName), "one.example.com")
            XCTAssertFalse(try candidate.exists(StoreFixture.user("bob", "")))
            XCTAssertEqual(try store.published().value(at: StoreFixture.dnsName), "two.example.com", "rollback alone publishes nothing")
            XCTAssertEqual(try candidate.publishExpectingRevision(), 3)
            XCTAssertEqual(try store.published().value(at: StoreFixture.dnsName), "one.example.com")
            XCTAssertThrowsError(try candidate.rollback(to: 9))
        }
    }

    func testFailedCommandLeavesTheCandidateAsItWas() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.candidate(for: "alice")
            try candidate.set([(StoreFixture.dnsName, "one.example.com")])
            var writer = candidate
            try writer.setLeaf(StoreFixture.port, to: "8443")
            try writer.delete(StoreFixture.dnsName)
            candidate.revertCommand()
            XCTAssertEqual(try candidate.value(at: StoreFixture.dnsName), "one.example.com")
            XCTAssertNil(try candidate.value(at: StoreFixture.port))
            XCTAssertEqual(try store.candidate(for: "alice").value(at: StoreFixture.dnsName), "one.example.com")
        }
    }

    /// A command that changes a record several times, or drops its edit (setting it back
    /// to the published value) and makes one again, is undone to the state before it.
    func testAFailedCommandIsUndoneHoweverOftenItChangedARecord() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.scratchCandidate()
            try candidate.set([(StoreFixture.user("u1", "email"), "a@example.com")])
            _ = try candidate.publishExpectingRevision()
            try candidate.set([(StoreFixture.user("u1", "email"), "b@example.com")])

            var writer = candidate
            try writer.setLeaf(StoreFixture.user("u1", "email"), to: "c@example.com")
            try writer.setLeaf(StoreFixture.user("u1", "email"), to: "a@example.com")  // as published: the edit is dropped
            try writer.setLeaf(StoreFixture.user("u1", "email"), to: "d@example.com")
            try writer.setLeaf(StoreFixture.user("u2", "email"), to: "x@example.com")
            try writer.setLeaf(StoreFixture.user("u2", "email"), to: "y@example.com")
            candidate.revertCommand()
            XCTAssertEqual(try candidate.value(at: StoreFixture.user("u1", "email")), "b@example.com")
            XCTAssertFalse(try candidate.exists(StoreFixture.user("u2", "")))

            // The next command is undone on its own terms.
            try writer.setLeaf(StoreFixture.user("u1", "email"), to: "e@example.com")
            candidate.revertCommand()
            XCTAssertEqual(try candidate.value(at: StoreFixture.user("u1", "email")), "b@example.com")
            XCTAssertEqual(try candidate.status().pendingChanges, 1)
        }
    }
}
