import ConfigModel
import ConfigStore
import ConfigStorePostgreSQL
import ConfigStoreSQLite
import DigitalAccess
import Foundation
import PostgreSQLTesting
import Testing

@testable import ShellCore

/// A key pattern (`user 'contractor-*'`) reads its list through the index, from the
/// pattern's literal start, one entry at a time: what it selects must be exactly the
/// existing entries that filtering the whole list finds, on published entries and a
/// candidate's edits over them, on every storage.
struct EntryPatternTests {
    private let users = ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user"])

    enum StorageKind: CaseIterable {
        case memory, sqlite, postgresql
    }

    private func store(on kind: StorageKind) throws -> RevisionedStore {
        let storage: any Storage =
            switch kind {
            case .memory: MemoryStorage()
            case .sqlite: try SQLiteStorage.inMemory()
            case .postgresql: try PostgreSQLStorage(ServerLocation(Self.newDatabase()))
            }
        return RevisionedStore(storage: storage, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
    }

    /// Random users with ids from a small alphabet (so that prefixes collide, a backslash
    /// among them), half published, then added to and deleted in a candidate.
    private func randomCandidate(_ generator: inout SplitMix64, on kind: StorageKind) throws -> any Candidate {
        let store = try store(on: kind)
        func id() -> String {
            let id = String((0..<Int.random(in: 1...4, using: &generator)).map { _ in "abAB1-\\".randomElement(using: &generator)! })
            return id
        }
        func email(_ key: String) -> ConfigPath { users.parent.appending("user", key: key).appending("email") }
        let setUp = try store.scratchCandidate()
        var writer = setUp
        for index in 0..<60 { try writer.setLeaf(email(id()), to: "u\(index)@example.com") }
        try setUp.commitCommand()
        _ = try setUp.publish(PublishMetadata(user: "t", source: "test", comment: nil))
        let candidate = try store.scratchCandidate()
        writer = candidate
        for index in 0..<40 {
            if index % 3 == 0 {
                _ = try writer.delete(users.parent.appending("user", key: id()))
            } else {
                try writer.setLeaf(email(id()), to: "new\(index)@example.com")
            }
        }
        try candidate.commitCommand()
        return candidate
    }

    private func matches(_ pattern: String, in config: any ConfigReader, below leaf: String? = nil) throws -> [ConfigPath] {
        var path = users.parent.appending("user", key: pattern)
        if let leaf { path = path.appending(leaf) }
        var found: [ConfigPath] = []
        try #require(EntryPattern(path)).forEachMatch(in: config) { match in
            found.append(match)
            return true
        }
        return found
    }

    @Test func selectsWhatFilteringEveryEntrySelects() throws {
        var generator = SplitMix64(seed: 0xB01C)
        let patterns = ["*", "a*", "aB*", "b?*", "[ab]*", "*1", "?", "[!a]*", "a\\*", "\\*", "-*", "zz*", "a]"]
        for round in 0..<9 {
            let candidate = try randomCandidate(&generator, on: StorageKind.allCases[round % StorageKind.allCases.count])
            for pattern in patterns {
                let expected = try candidate.entries(of: users).map(\.key).filter { fnmatch(pattern, $0, FNM_NOESCAPE) == 0 }
                let found = try matches(pattern, in: candidate, below: "email")
                #expect(found.map { $0.steps[2].key! } == expected, "pattern \(pattern)")
                #expect(found.allSatisfy { $0.steps.last == ConfigPath.Step("email") }, "pattern \(pattern)")
            }
        }
    }

    @Test func eachPatternOfAPathSelectsWithinWhatTheOneBeforeIt() throws {
        let store = try store(on: .sqlite)
        let candidate = try store.scratchCandidate()
        var writer = candidate
        let methods = ConfigPath(schemaWords: ["manage-system", "authentication-methods"])
        for (method, property) in [("pm1", "User Attribute"), ("pm1", "Certificate Attribute"), ("pm2", "User Filter"), ("otp", "User Attribute")] {
            try writer.setLeaf(methods.appending("method", key: method).appending("extended-property", key: property).appending("value"), to: "v")
        }
        let path = methods.appending("method", key: "pm*").appending("extended-property", key: "User*").appending("value")
        var found: [String] = []
        try #require(EntryPattern(path)).forEachMatch(in: candidate) { match in
            found.append(match.description)
            return true
        }
        #expect(
            found == [
                "manage-system authentication-methods method pm1 extended-property \"User Attribute\" value",
                "manage-system authentication-methods method pm2 extended-property \"User Filter\" value",
            ])
        #expect(EntryPattern(path)?.selectionDescription == "manage-system authentication-methods method 'pm*' extended-property 'User*'")
    }

    @Test func aPathWithoutAPatternIsNotOne() {
        #expect(EntryPattern(users.parent.appending("user", key: "alice")) == nil)
        #expect(EntryPattern(users) == nil)
    }

    @Test func aPatternsLiteralStartIsTheRangeItReads() {
        #expect(Glob("contractor-*", backslashQuotes: false).literalPrefix == "contractor-")
        #expect(Glob("a\\b*", backslashQuotes: false).literalPrefix == "a\\b")
        #expect(Glob("a\\b*").literalPrefix == "a")
        #expect(Glob("[ab]*", backslashQuotes: false).literalPrefix == "")
    }

    /// An empty store in a database of its own, on the cluster the tests start.
    private static func newDatabase() throws -> String {
        let cluster = try TestCluster.shared()
        let template = try cluster.template("dashell_pattern") { uri in _ = try PostgreSQLStorage.initialize(ServerLocation(uri)) }
        return cluster.uri(database: try cluster.createDatabase(template: template))
    }
}
