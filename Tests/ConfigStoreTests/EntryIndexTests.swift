import ConfigModel
import ConfigStoreSQLite
import DigitalAccess
import Testing

@testable import ConfigStore

/// A storage counts and lists a list's entries from its index, leaving out the records below
/// the entries (a method's extended properties): what it answers must be what reading every
/// record of the list finds, on SQLite and in memory alike, for lists whose entries hold lists
/// (methods) and lists whose entries do not (users), which are counted as a range.
struct EntryIndexTests {
    private let methods = ConfigPath(schemaWords: ["manage-system", "authentication-methods", "method"], schema: DigitalAccessSchema.root)
    private let users = ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user"], schema: DigitalAccessSchema.root)

    @Test func answersWhatReadingTheListFinds() throws {
        var generator = SplitMix64(seed: 0xE171)
        for _ in 0..<8 {
            let stores = [
                try SQLiteStore.inMemory(schema: DigitalAccessSchema.root, rules: []),
                RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: []),
            ]
            let names = (0..<Int.random(in: 0...30, using: &generator)).map { _ in randomKey(&generator) }
            let properties = names.map { _ in (0..<Int.random(in: 0...3, using: &generator)).map { _ in randomKey(&generator) } }
            for store in stores {
                try publish(names, properties, in: store)
                let published = store.published()
                for list in [methods, users] + names.prefix(3).map({ methods.parent.appending("method", key: $0).appending("extended-property") }) {
                    let entries = try published.entries(of: list).map(\.key)
                    for prefix in ["", "a", "é", "b;", "zz"] {
                        let range = EntryRange(list: list, prefix: prefix, in: DigitalAccessSchema.root)
                        let expected = entries.filter { $0.hasPrefix(prefix) }
                        #expect(try store.storage.countEntries(range, cap: .max) == expected.count, "\(list) \(prefix)")
                        #expect(try store.storage.countEntries(range, cap: 2) == min(2, expected.count), "\(list) \(prefix)")
                        #expect(try store.storage.entryKeys(range, limit: 100) == expected, "\(list) \(prefix)")
                    }
                }
            }
        }
    }

    /// Methods `names`, each with the extended properties `properties` (a record below the
    /// method's), and a user per name: the two lists whose entries are counted.
    private func publish(_ names: [String], _ properties: [[String]], in store: RevisionedStore) throws {
        let candidate = try store.scratchCandidate()
        var writer = candidate
        for (name, properties) in zip(names, properties) {
            let method = methods.parent.appending("method", key: name)
            try writer.createEntries(along: method)
            for property in properties { try writer.setLeaf(method.appending("extended-property", key: property).appending("value"), to: "v") }
            try writer.setLeaf(users.parent.appending("user", key: name).appending("email"), to: "u@example.com")
        }
        try candidate.commitCommand()
        _ = try candidate.publish(PublishMetadata(user: "t", source: "test", comment: nil))
    }

    /// Keys that share prefixes, sort differently by bytes than by letters, and hold
    /// characters a GLOB or a LIKE would read as special.
    private func randomKey(_ generator: inout SplitMix64) -> String {
        let pieces = ["a", "ab", "é", "b;", "%", "_", "\\", "A", "1", "ü"]
        return (0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }
}
