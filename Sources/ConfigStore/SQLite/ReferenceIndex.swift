import ConfigModel
import GRDB

/// Keeps the `reference` table in step with the published records, so that "who refers to
/// this entry" is an index lookup rather than a scan of every method.
struct ReferenceIndex {
    let schema: SchemaNode
    private let leavesByList: [[String]: [ReferenceLeaf]]

    init(schema: SchemaNode) {
        self.schema = schema
        leavesByList = Dictionary(grouping: schema.referenceLeaves, by: \.list)
    }

    /// The entries a record names through its reference leaves.
    func references(of key: RecordKey, _ record: Record?) -> [(target: RecordKey, leaf: String)] {
        guard let record, !leavesByList.isEmpty, let list = listKeywords(of: key), let leaves = leavesByList[list] else { return [] }
        return leaves.compactMap { reference in
            guard let value = record[reference.leaf] else { return nil }
            let steps = reference.target.dropLast().map { ConfigPath.Step($0) } + [ConfigPath.Step(reference.target.last!, key: value)]
            return (RecordKey(ConfigPath(steps)), reference.leaf)
        }
    }

    /// Whether records of `key`'s list can hold references at all; cheap, to skip most keys.
    func mayHoldReferences(_ key: RecordKey) -> Bool {
        leavesByList.keys.contains { list in key.encoded.hasPrefix(list[0]) }
            && listKeywords(of: key).map { leavesByList[$0] != nil } == true
    }

    func update(_ db: Database, key: RecordKey, old: Record?, new: Record?) throws {
        let before = references(of: key, old), after = references(of: key, new)
        for (target, leaf) in before where !after.contains(where: { $0 == (target, leaf) }) {
            try db.execute(sql: "DELETE FROM reference WHERE target = ? AND source = ? AND leaf = ?", arguments: [target.encoded, key.encoded, leaf])
        }
        for (target, leaf) in after where !before.contains(where: { $0 == (target, leaf) }) {
            try db.execute(sql: "INSERT OR IGNORE INTO reference (target, source, leaf) VALUES (?, ?, ?)", arguments: [target.encoded, key.encoded, leaf])
        }
    }

    private func listKeywords(of key: RecordKey) -> [String]? {
        key.path(in: schema)?.steps.map(\.keyword)
    }
}
