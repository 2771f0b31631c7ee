import ConfigModel
import XCTest

@testable import ConfigStore

final class CandidateTests: StorageTestCase {
    func testCandidateSurvivesReopeningTheStore() throws {
        try onEachStorage {
            let fixture = try StoreFixture(storage)
            do {
                let candidate = try fixture.open().candidate(for: "alice")
                try candidate.set([(StoreFixture.dnsName, "ag5.example.com"), (StoreFixture.user("åsa", "display-name"), "Åsa Ödén")])
            }
            let reopened = try fixture.open()
            let candidate = try reopened.candidate(for: "alice")
            XCTAssertEqual(try candidate.value(at: StoreFixture.dnsName), "ag5.example.com")
            XCTAssertEqual(try candidate.value(at: StoreFixture.user("åsa", "display-name")), "Åsa Ödén")
            XCTAssertEqual(try candidate.status().pendingChanges, 2)
            XCTAssertNil(try reopened.candidate(for: "bob").value(at: StoreFixture.dnsName), "candidates are private")
            XCTAssertNil(try reopened.published().value(at: StoreFixture.dnsName))
        }
    }

    func testUncommittedCommandIsNotPersisted() throws {
        try onEachStorage {
            let fixture = try StoreFixture(storage)
            do {
                var candidate = try fixture.open().candidate(for: "alice")
                try candidate.setLeaf(StoreFixture.dnsName, to: "ag5.example.com")
            }
            XCTAssertNil(try fixture.open().candidate(for: "alice").value(at: StoreFixture.dnsName))
        }
    }

    /// A command refused for any of its edits is undone whole, in memory as in the store:
    /// the edits it made before and after the refused one too.
    func testARefusedCommandIsUndoneWhole() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            var candidate = try store.candidate(for: "alice")
            try candidate.set([(StoreFixture.user("a1", "email"), "a1@example.com")])
            candidate.permissions = OnlyUsersBelow(limit: "a5")
            try candidate.setLeaf(StoreFixture.user("a1", "email"), to: "changed@example.com")
            try candidate.setLeaf(StoreFixture.user("a9", "email"), to: "a9@example.com")
            try candidate.setLeaf(StoreFixture.user("a2", "email"), to: "a2@example.com")
            XCTAssertThrowsError(try candidate.commitCommand())
            candidate.revertCommand()
            XCTAssertEqual(try candidate.value(at: StoreFixture.user("a1", "email")), "a1@example.com")
            XCTAssertNil(try candidate.value(at: StoreFixture.user("a9", "email")))
            XCTAssertNil(try candidate.value(at: StoreFixture.user("a2", "email")))
            XCTAssertEqual(try candidate.status().pendingChanges, 1)
            XCTAssertEqual(try store.candidate(for: "alice").status().pendingChanges, 1)
        }
    }

    /// Allows changes to the users whose ids sort before `limit`.
    private struct OnlyUsersBelow: Permissions {
        let limit: String
        var user: String { "alice" }
        var allowsEverything: Bool { false }
        var summary: [(label: String, value: String)] { [] }
        var publishesThroughRequests: Bool { false }

        func refusal(of change: RecordChange, in schema: SchemaNode) -> AccessRefusal? {
            guard let path = change.key.path(in: schema), let id = path.steps.last?.key, id >= limit else { return nil }
            return AccessRefusal(user: user, path: path, needs: "users from \(limit) on", because: "a test")
        }

        func refusal(toUse privilege: String) -> AccessRefusal? { nil }
    }

    func testDisjointChangesMerge() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let alice = try store.candidate(for: "alice"), bob = try store.candidate(for: "bob")
            try alice.set([(StoreFixture.dnsName, "ag5.example.com")])
            try bob.set([(StoreFixture.port, "8443"), (StoreFixture.user("carol", "email"), "carol@example.com")])
            _ = try alice.publishExpectingRevision()
            XCTAssertTrue(try bob.status().isStale)
            XCTAssertEqual(try bob.publishExpectingRevision(user: "bob"), 2)
            let published = store.published()
            XCTAssertEqual(try published.value(at: StoreFixture.dnsName), "ag5.example.com")
            XCTAssertEqual(try published.value(at: StoreFixture.port), "8443")
            XCTAssertEqual(try published.value(at: StoreFixture.user("carol", "email")), "carol@example.com")
        }
    }

    func testSameLeafChangedDifferentlyConflictsAndLosesNothing() throws {
        try onEachStorage {
            let fixture = try StoreFixture(storage)
            let store = try fixture.open()
            let alice = try store.candidate(for: "alice"), bob = try store.candidate(for: "bob")
            try alice.set([(StoreFixture.dnsName, "alice.example.com")])
            try bob.set([(StoreFixture.dnsName, "bob.example.com"), (StoreFixture.port, "8443")])
            _ = try alice.publishExpectingRevision()

            let outcome = try bob.publish(PublishMetadata(user: "bob", source: "interactive", comment: nil))
            guard case .conflict(let conflicts) = outcome else { return XCTFail("expected a conflict, got \(outcome)") }
            XCTAssertEqual(conflicts.map(\.path), ["manage-system distribution-services global-settings external-dns-name"])
            XCTAssertEqual(try store.latestRevision(), 1)
            XCTAssertEqual(try store.published().value(at: StoreFixture.dnsName), "alice.example.com")
            let reopened = try fixture.open().candidate(for: "bob")
            XCTAssertEqual(try reopened.value(at: StoreFixture.dnsName), "bob.example.com")
            XCTAssertEqual(try reopened.value(at: StoreFixture.port), "8443")
        }
    }

    func testDeletedEntryChangedElsewhereConflicts() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let setup = try store.scratchCandidate()
            try setup.set([(StoreFixture.user("dave", "email"), "dave@example.com")])
            _ = try setup.publishExpectingRevision()

            let alice = try store.candidate(for: "alice"), bob = try store.candidate(for: "bob")
            try alice.set([(StoreFixture.user("dave", "email"), "d@example.com")])
            var deleting = bob
            try deleting.delete(StoreFixture.user("dave", ""))
            try bob.commitCommand()
            _ = try alice.publishExpectingRevision()
            guard case .conflict(let conflicts) = try bob.publish(PublishMetadata(user: "bob", source: "interactive", comment: nil)) else {
                return XCTFail("expected a conflict")
            }
            XCTAssertEqual(conflicts.first?.path, "manage-accounts-and-storage user-accounts user dave")
        }
    }

    func testUpdateRebasesKeepingWhatDoesNotConflict() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let alice = try store.candidate(for: "alice"), bob = try store.candidate(for: "bob")
            try alice.set([(StoreFixture.dnsName, "alice.example.com")])
            try bob.set([(StoreFixture.dnsName, "bob.example.com"), (StoreFixture.port, "8443")])
            _ = try alice.publishExpectingRevision()

            let outcome = try bob.update()
            XCTAssertEqual(outcome.newBase, 1)
            XCTAssertEqual(outcome.dropped.map(\.path), ["manage-system distribution-services global-settings external-dns-name"])
            XCTAssertFalse(try bob.status().isStale)
            XCTAssertEqual(try bob.value(at: StoreFixture.dnsName), "alice.example.com")
            XCTAssertEqual(try bob.value(at: StoreFixture.port), "8443")
            XCTAssertEqual(try bob.publishExpectingRevision(user: "bob"), 2)
        }
    }

    /// SPEC §6: an empty candidate follows the latest revision silently, whether it was
    /// emptied by a publish or by setting a leaf back, and in a new session too.
    func testAnEmptyCandidateIsNeverStale() throws {
        try onEachStorage {
            let fixture = try StoreFixture(storage)
            let store = try fixture.open()
            let alice = try store.candidate(for: "alice"), bob = try store.candidate(for: "bob")
            try alice.set([(StoreFixture.dnsName, "alice.example.com")])
            _ = try alice.publishExpectingRevision()
            try bob.set([(StoreFixture.port, "8443")])
            _ = try bob.publishExpectingRevision(user: "bob")
            XCTAssertEqual(try alice.status(), CandidateStatus(baseRevision: 2, latestRevision: 2, pendingChanges: 0))

            try alice.set([(StoreFixture.dnsName, "other.example.com")])
            try alice.set([(StoreFixture.dnsName, "alice.example.com")])
            try bob.set([(StoreFixture.port, "9443")])
            _ = try bob.publishExpectingRevision(user: "bob")
            XCTAssertEqual(try alice.status(), CandidateStatus(baseRevision: 3, latestRevision: 3, pendingChanges: 0))
            XCTAssertEqual(try fixture.open().candidate(for: "alice").baseRevision, 3)
        }
    }

    func testDiscardDropsEveryEdit() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.candidate(for: "alice")
            try candidate.set([(StoreFixture.dnsName, "alice.example.com")])
            try candidate.discard()
            XCTAssertEqual(try candidate.status().pendingChanges, 0)
            XCTAssertNil(try store.candidate(for: "alice").value(at: StoreFixture.dnsName))
        }
    }

    func testCompareShowsOnlyTheCandidatesDifferences() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.scratchCandidate()
            try candidate.set([(StoreFixture.dnsName, "one.example.com")])
            _ = try candidate.publishExpectingRevision()
            try candidate.set([(StoreFixture.port, "8443")])
            let changes = try candidate.changesAgainstPublished(under: RecordKey(.root))
            XCTAssertEqual(changes.changes.count, 1)
            XCTAssertEqual(changes.changes[0].leafChanges.map(\.leaf), ["external-port"])
        }
    }

    func testReferencesFollowTheIndexThroughTheCandidate() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.scratchCandidate()
            let method = ConfigPath(schemaWords: ["manage-system", "authentication-methods", "method", "pm"])
            try candidate.set([
                (StoreFixture.service("radius").appending("host"), "radius.example.com"),
                (method.appending("type"), "portwise-password"), (method.appending("display-name"), "Password"),
                (method.appending("authentication-server"), "radius"),
            ])
            XCTAssertEqual(try candidate.referrers(of: RecordKey(StoreFixture.service("radius"))).map(\.record), [RecordKey(method)])
            _ = try candidate.publishExpectingRevision()
            XCTAssertEqual(try store.published().referrers(of: RecordKey(StoreFixture.service("radius"))).map(\.leaf), ["authentication-server"])
            var writer = candidate
            try writer.rename(StoreFixture.service("radius"), to: "radius2")
            XCTAssertEqual(try candidate.value(at: method.appending("authentication-server")), "radius2")
            XCTAssertTrue(try candidate.referrers(of: RecordKey(StoreFixture.service("radius"))).isEmpty)
        }
    }

    /// `compare` (and `check`) may reuse the change set they last worked out, but only while
    /// neither the candidate nor the published configuration has changed.
    func testTheChangeSetIsWorkedOutAgainAfterAnyEdit() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let candidate = try store.scratchCandidate()
            try candidate.set([(StoreFixture.user("u1", "email"), "a@example.com")])
            XCTAssertEqual(try candidate.changesAgainstPublished(under: RecordKey(.root)).changes.count, 1)
            try candidate.set([(StoreFixture.user("u2", "email"), "b@example.com")])
            XCTAssertEqual(try candidate.changesAgainstPublished(under: RecordKey(.root)).changes.count, 2)
            XCTAssertEqual(try candidate.changesAgainstPublished(under: RecordKey(StoreFixture.user("u2", ""))).changes.count, 1)
            let other = try store.scratchCandidate()
            try other.set([(StoreFixture.user("u1", "email"), "a@example.com")])
            _ = try other.publishExpectingRevision()
            XCTAssertEqual(
                try candidate.changesAgainstPublished(under: RecordKey(.root)).changes.map(\.key),
                [RecordKey(StoreFixture.user("u2", ""))], "u1 is published as the candidate has it")
            var writer = candidate
            try writer.delete(StoreFixture.user("u2", ""))
            candidate.revertCommand()
            XCTAssertEqual(try candidate.changesAgainstPublished(under: RecordKey(.root)).changes.count, 1)
            try writer.delete(StoreFixture.user("u2", ""))
            try candidate.commitCommand()
            XCTAssertTrue(try candidate.changesAgainstPublished(under: RecordKey(.root)).isEmpty)
        }
    }
}

final class PublishValidationTests: StorageTestCase {
    /// A store where the published method `password` uses the service `radius`, and a
    /// script's candidate on it.
    private func publishedMethodUsingRadius() throws -> (RevisionedStore, any Candidate) {
        let store = try StoreFixture(storage).open()
        let candidate = try store.scratchCandidate()
        let method = ConfigPath(schemaWords: ["manage-system", "authentication-methods", "method", "password"])
        try candidate.set([
            (StoreFixture.service("radius").appending("host"), "radius.example.com"),
            (method.appending("type"), "portwise-password"),
            (method.appending("display-name"), "Password"),
            (method.appending("authentication-server"), "radius"),
        ])
        _ = try candidate.publishExpectingRevision()
        return (store, candidate)
    }

    func testDeletingAReferencedEntryIsRefusedWithItsReferrers() throws {
        try onEachStorage {
            let (store, candidate) = try publishedMethodUsingRadius()

            var writer = candidate
            try writer.delete(StoreFixture.service("radius"))
            try candidate.commitCommand()
            let outcome = try candidate.publish(PublishMetadata(user: "alice", source: "interactive", comment: nil))
            guard case .invalid(let violations) = outcome else { return XCTFail("expected refusal, got \(outcome)") }
            XCTAssertEqual(violations.map(\.rule), ["V3"])
            XCTAssertTrue(violations[0].message.contains("method password"), violations[0].message)
            XCTAssertEqual(try store.latestRevision(), 1)
            XCTAssertFalse(try candidate.exists(StoreFixture.service("radius")), "the candidate keeps the user's edit")
            XCTAssertTrue(try store.published().exists(StoreFixture.service("radius")))
        }
    }

    /// A large change is written before the rules that read the store run, while V1 runs on
    /// a second thread; a violation found either way must still leave nothing published.
    func testALargeInvalidChangeIsRefusedAndNothingOfItIsWritten() throws {
        try onEachStorage {
            let (store, candidate) = try publishedMethodUsingRadius()

            var users = (0..<1_500).map { (StoreFixture.user("u\($0)", "email"), "u\($0)@example.com") }
            users[700] = (StoreFixture.user("u700", "email"), "not an address")
            try candidate.set(users)
            var writer = candidate
            try writer.delete(StoreFixture.service("radius"))
            try candidate.commitCommand()
            let outcome = try candidate.publish(PublishMetadata(user: "alice", source: "script", comment: nil))
            guard case .invalid(let violations) = outcome else { return XCTFail("expected refusal, got \(outcome)") }
            XCTAssertEqual(violations.map(\.rule), ["V1", "V3"])
            XCTAssertEqual(violations.first?.path, StoreFixture.user("u700", "email"))
            XCTAssertEqual(try store.latestRevision(), 1)
            let published = try store.published()
            XCTAssertTrue(try published.exists(StoreFixture.service("radius")))
            XCTAssertFalse(try published.exists(StoreFixture.user("u0", "")))
            XCTAssertEqual(try candidate.value(at: StoreFixture.user("u1499", "email")), "u1499@example.com", "the candidate keeps its edits")
        }
    }

    /// A script's candidate remembers which keys its point reads found unpublished, but only
    /// for as long as their snapshot: once it reads the store otherwise (a listing, a
    /// `delete` of a subtree), a record someone else published since is there for it too.
    func testWhatAScriptFoundUnpublishedNeverContradictsALaterRead() throws {
        try onEachStorage {
            let fixture = try StoreFixture(storage)
            let store = try fixture.open()
            let script = try store.scratchCandidate()
            try script.set([(StoreFixture.user("aaa", "email"), "a@example.com")])  // learns that no user is published
            let elsewhere = try fixture.open().scratchCandidate()  // another connection, as another process
            try elsewhere.set([(StoreFixture.user("zzz", "email"), "z@example.com")])
            _ = try elsewhere.publishExpectingRevision()

            XCTAssertEqual(try script.entries(of: StoreFixture.leaf("manage-accounts-and-storage", "user-accounts", "user")).map(\.key), ["aaa", "zzz"])
            var writer = script
            XCTAssertTrue(try writer.delete(StoreFixture.user("zzz", "")), "the entry the listing showed is there to delete")
            try script.commitCommand()
            XCTAssertEqual(try script.publishExpectingRevision(), 2)
            XCTAssertFalse(try store.published().exists(StoreFixture.user("zzz", "")))
        }
    }
}
