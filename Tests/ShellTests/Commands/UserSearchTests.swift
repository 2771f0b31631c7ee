import ConfigModel
import ConfigStore
import ConfigStorePostgreSQL
import ConfigStoreSQLite
import DigitalAccess
import Foundation
import PostgreSQLTesting
import Testing

@testable import ShellCore

/// `search user-accounts` reads users through the index, a range of keys for a glob's
/// literal start, one at a time: what it finds must be exactly what filtering every user
/// would find, on published users and a candidate's edits over them alike, whether the
/// storage filters a word in its own scan (SQLite, PostgreSQL) or not (memory).
struct UserSearchTests {
    private let users = ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user"])

    private func user(_ id: String, _ leaf: String) -> ConfigPath {
        users.parent.appending("user", key: id).appending(leaf)
    }

    /// Random users: ids drawn from a small alphabet so that prefixes collide, names and
    /// e-mails in mixed case; half published, then changed, added and deleted in a candidate.
    /// Where a run's store keeps its data.
    enum StorageKind: CaseIterable {
        case memory, sqlite, postgresql
    }

    private func randomCandidate(_ generator: inout SplitMix64, on kind: StorageKind) throws -> any Candidate {
        let storage: any Storage =
            switch kind {
            case .memory: MemoryStorage()
            case .sqlite: try SQLiteStorage.inMemory()
            case .postgresql: try PostgreSQLStorage(ServerLocation(Self.newDatabase()))
            }
        let store = RevisionedStore(storage: storage, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        func id() -> String {
            let id = String((0..<Int.random(in: 1...5, using: &generator)).map { _ in "abAB1._-%\\".randomElement(using: &generator)! })
            // `.` and `..` are reserved in paths.
            return id.allSatisfy { $0 == "." } ? id + "a" : id
        }
        func name() -> String { ["Ann Lee", "BOB", "Åsa Öberg", "carl.ANN", "zed"].randomElement(using: &generator)! }
        let setUp = try store.scratchCandidate()
        var writer = setUp
        for index in 0..<60 {
            let key = id()
            try writer.setLeaf(user(key, "display-name"), to: name())
            if Bool.random(using: &generator) { try writer.setLeaf(user(key, "email"), to: "u\(index)x@Example.COM") }
        }
        try setUp.commitCommand()
        let outcome = try setUp.publish(PublishMetadata(user: "t", source: "test", comment: nil))
        guard case .published = outcome else { throw PublishFailed(outcome: outcome) }
        let candidate = try store.scratchCandidate()
        writer = candidate
        for _ in 0..<40 {
            let key = id()
            if Int.random(in: 0..<3, using: &generator) == 0 {
                _ = try writer.delete(users.parent.appending("user", key: key))
            } else {
                try writer.setLeaf(user(key, "display-name"), to: name())
            }
        }
        try candidate.commitCommand()
        return candidate
    }

    /// What a search must find, worked out the plain way: every user, filtered.
    private func bruteForce(_ pattern: String, in candidate: any Candidate) throws -> [String] {
        let isGlob = pattern.contains { "*?[".contains($0) }
        return try candidate.entries(of: users).filter { entry in
            if isGlob { return fnmatch(pattern, entry.key, 0) == 0 }
            let word = pattern.lowercased()
            return [entry.key, entry.record["display-name"], entry.record["email"]].compactMap { $0 }.contains { $0.lowercased().contains(word) }
        }.map(\.key)
    }

    @Test func findsWhatFilteringEveryUserFinds() throws {
        var generator = SplitMix64(seed: 0x5EA2C4)
        let patterns = [
            "*", "a*", "aB*", "b?*", "[ab]*", "*1", "a.*", "ann", "ANN", "bob", "åsa", "example", "x@ex", "1", "-", "zzz", "A", "_", "%", "b_", "\\", "a%b",
        ]
        for round in 0..<20 {
            let candidate = try randomCandidate(&generator, on: StorageKind.allCases[round % StorageKind.allCases.count])
            for pattern in patterns {
                var found: [String] = []
                try UserSearch(pattern).forEachMatch(in: candidate, users: users) { id, _ in
                    found.append(id)
                    return true
                }
                #expect(found == (try bruteForce(pattern, in: candidate)), "pattern \(pattern)")
            }
        }
    }

    /// An empty store in a database of its own, on the cluster the tests start.
    private static func newDatabase() throws -> String {
        let cluster = try TestCluster.shared()
        let template = try cluster.template("dashell_search") { uri in _ = try PostgreSQLStorage.initialize(ServerLocation(uri)) }
        return cluster.uri(database: try cluster.createDatabase(template: template))
    }

    private struct PublishFailed: Error {
        let outcome: PublishOutcome
    }

    @Test func aGlobsLiteralStartIsTheRangeItReads() {
        #expect(UserSearch("user0012*").prefix == "user0012")
        #expect(UserSearch("*son").prefix == "")
        #expect(UserSearch("ab?d*").prefix == "ab")
        #expect(UserSearch("nexusville").prefix == "")
    }

    @Test func stopsWhenAsked() throws {
        var generator = SplitMix64(seed: 7)
        let candidate = try randomCandidate(&generator, on: .sqlite)
        var seen = 0
        try UserSearch("*").forEachMatch(in: candidate, users: users) { _, _ in
            seen += 1
            return seen < 3
        }
        #expect(seen == 3)
    }
}
