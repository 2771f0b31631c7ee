import ConfigModel
import XCTest

@testable import ConfigStore

/// What a conflict tells the user (SPEC §6): both values, and the revision and user that
/// published the other one; the same from `publish`, `update` and the candidate's
/// `conflicts()` that `validate` reports.
final class ConflictReportTests: StorageTestCase {
    private let password = StoreFixture.leaf("manage-system", "notification-channels", "email", "password")

    /// Carol publishes revision 1 (port 8443); alice changes the port to 587, bob to 465 in
    /// revision 2, and dave then changes another leaf of the same record in revision 3.
    private func aliceAgainstBob() throws -> (store: RevisionedStore, alice: any Candidate) {
        let store = try StoreFixture(storage).open()
        let carol = try store.candidate(for: "carol")
        try carol.set([(StoreFixture.port, "8443")])
        _ = try carol.publishExpectingRevision(user: "carol")
        let alice = try store.candidate(for: "alice"), bob = try store.candidate(for: "bob"), dave = try store.candidate(for: "dave")
        try alice.set([(StoreFixture.port, "587"), (password, "alice-secret")])
        try bob.set([(StoreFixture.port, "465"), (password, "bob-secret")])
        XCTAssertEqual(try bob.publishExpectingRevision(user: "bob"), 2)
        try dave.set([(StoreFixture.dnsName, "dave.example.com")])
        XCTAssertEqual(try dave.publishExpectingRevision(user: "dave"), 3)
        return (store, alice)
    }

    private let expected = [
        "manage-system distribution-services global-settings external-port: yours 587, published 465 in revision 2 by bob",
        "manage-system notification-channels email password: yours ********, published ******** in revision 2 by bob",
    ]

    func testPublishNamesBothValuesAndWhoPublished() throws {
        try onEachStorage {
            let (_, alice) = try aliceAgainstBob()
            guard case .conflict(let conflicts) = try alice.publish(PublishMetadata(user: "alice", source: "interactive", comment: nil)) else {
                return XCTFail("expected a conflict")
            }
            XCTAssertEqual(conflicts.map(\.description), expected)
            XCTAssertEqual(conflicts.first?.kind, .leaf(yours: "587", published: "465"))
            XCTAssertEqual(conflicts.first?.publication, MergeConflict.Publication(revision: 2, user: "bob"))
        }
    }

    func testValidateSeesWhatPublishWouldMeet() throws {
        try onEachStorage {
            let (store, alice) = try aliceAgainstBob()
            XCTAssertEqual(try alice.conflicts().map(\.description), expected)
            XCTAssertEqual(try store.candidate(for: "nobody").conflicts(), [])
        }
    }

    func testUpdateNamesWhatItDropped() throws {
        try onEachStorage {
            let (_, alice) = try aliceAgainstBob()
            XCTAssertEqual(try alice.update().dropped.map(\.description), expected)
            XCTAssertEqual(try alice.conflicts(), [], "nothing left to conflict after the update")
        }
    }

    func testAnEntryDeletedOnOneSideAndChangedOnTheOtherSaysSo() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let setup = try store.scratchCandidate()
            try setup.set([(StoreFixture.user("dave", "email"), "dave@example.com")])
            _ = try setup.publishExpectingRevision(user: "carol")

            let alice = try store.candidate(for: "alice"), bob = try store.candidate(for: "bob")
            var deleting = alice
            try deleting.delete(StoreFixture.user("dave", ""))
            try alice.commitCommand()
            try bob.set([(StoreFixture.user("dave", "email"), "d@example.com")])
            _ = try bob.publishExpectingRevision(user: "bob")
            XCTAssertEqual(
                try alice.conflicts().map(\.description),
                ["manage-accounts-and-storage user-accounts user dave: deleted here, but changed in revision 2 by bob"])

            let carol = try store.candidate(for: "carol")
            try carol.set([(StoreFixture.user("dave", "email"), "e@example.com")])
            var removing = bob
            try removing.delete(StoreFixture.user("dave", ""))
            try bob.commitCommand()
            _ = try bob.publishExpectingRevision(user: "bob")
            XCTAssertEqual(
                try carol.conflicts().map(\.description),
                ["manage-accounts-and-storage user-accounts user dave: changed here, but deleted in revision 3 by bob"])
        }
    }
}
