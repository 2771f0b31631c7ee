import ConfigModel
import DigitalAccess
import Testing

@testable import ConfigStore

/// A candidate read as a configuration: its edits over the published records, merged in key
/// order whatever the sizes on either side, as completion, `ls` and walks read it.
struct CandidateViewTests {
    let users = ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user"], schema: DigitalAccessSchema.root)

    private func user(_ id: String) -> ConfigPath { users.parent.appending("user", key: id) }

    /// A store whose published users are `published`, and a candidate on it that deleted
    /// `deleted` and added `added`.
    private func candidate(published: [String], deleted: [String], added: [String]) throws -> any Candidate {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let setUp = try store.scratchCandidate()
        var writer = setUp
        for id in published { try writer.setLeaf(user(id).appending("email"), to: "\(id)@example.com") }
        try setUp.commitCommand()
        _ = try setUp.publish(PublishMetadata(user: "t", source: "test", comment: nil))
        let candidate = try store.scratchCandidate()
        writer = candidate
        for id in deleted { _ = try writer.delete(user(id)) }
        for id in added { try writer.createEntries(along: user(id)) }
        try candidate.commitCommand()
        return candidate
    }

    @Test func entryKeysMergeBothSidesInKeyOrderAndLeaveOutDeletions() throws {
        let published = (0..<30).map { "p\($0 < 10 ? "0" : "")\($0)" }
        let candidate = try candidate(published: published, deleted: ["p03", "p17"], added: ["p031", "o", "q", "p17x"])
        let expected = (["o", "q", "p031", "p17x"] + published.filter { $0 != "p03" && $0 != "p17" })
            .sorted { UTF8Bytes.compare($0, $1) < 0 }
        #expect(try candidate.entryKeys(of: users, startingWith: "", limit: 100) == expected)
        #expect(try candidate.entryKeys(of: users, startingWith: "p0", limit: 5) == ["p00", "p01", "p02", "p031", "p04"])
        #expect(try candidate.countEntries(of: users, startingWith: "", cap: 1_000) == expected.count)
        #expect(try candidate.countEntries(of: users, startingWith: "p1", cap: 1_000) == 10)
        #expect(try candidate.countEntries(of: users, startingWith: "", cap: 7) == 7)
    }

    @Test func publishedKeysAreReadAPageAtATimePastTheFirstPage() throws {
        // More published entries than a page of `limit`, with deletions in the first page:
        // the rest must come from the next pages, not stop short.
        let published = (0..<50).map { "u\($0 + 100)" }
        let candidate = try candidate(published: published, deleted: Array(published.prefix(10)), added: [])
        #expect(try candidate.entryKeys(of: users, startingWith: "u", limit: 10) == Array(published.dropFirst(10).prefix(10)))
        #expect(try candidate.countEntries(of: users, startingWith: "u", cap: 1_000) == 40)
    }

    @Test func countsAreRightWithFewEditsAndWithMany() throws {
        // Few edits in the range: the store's count corrected per edit; many: a merged walk.
        let published = (0..<150).map { "p\(1_000 + $0)" }
        for (deleted, added) in [(5, 10), (40, 120)] {
            let candidate = try candidate(
                published: published, deleted: Array(published.prefix(deleted)), added: (0..<added).map { "q\(1_000 + $0)" })
            let total = published.count - deleted + added
            #expect(try candidate.countEntries(of: users, startingWith: "", cap: .max) == total)
            #expect(try candidate.countEntries(of: users, startingWith: "", cap: 100) == 100)
            #expect(try candidate.countEntries(of: users, startingWith: "p", cap: 1_000) == published.count - deleted)
            #expect(try candidate.countEntries(of: users, startingWith: "q10", cap: 1_000) == min(added, 100))
        }
    }

    @Test func aKeyEditedAwayAndBackIsListedOnce() throws {
        let candidate = try candidate(published: ["a", "b"], deleted: [], added: ["c"])
        var writer = candidate
        _ = try writer.delete(user("c"))
        try candidate.commitCommand()
        #expect(try candidate.entryKeys(of: users, startingWith: "", limit: 10) == ["a", "b"])
        try writer.createEntries(along: user("c"))
        try candidate.commitCommand()
        #expect(try candidate.entryKeys(of: users, startingWith: "", limit: 10) == ["a", "b", "c"])
        #expect(try candidate.countEntries(of: users, startingWith: "", cap: 10) == 3)
    }
}
