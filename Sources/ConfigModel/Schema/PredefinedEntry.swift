/// An entry the product defines in a list, which every configuration has without storing it
/// (Digital Access's predefined roles, SPEC V13): shown, referred to and completed like any
/// entry, printed like a default (only where defaults are), and restored, like a default,
/// when the subtree holding it is deleted. Deleting or changing the entry itself is a
/// change the product's rules may refuse.
public struct PredefinedEntry: Sendable {
    public let key: String
    /// The entry's own leaves, by their name in its record.
    public let leaves: [String: String]
    /// Entries of the lists inside this entry, by the list's keyword.
    public let entries: [String: [PredefinedEntry]]

    public init(_ key: String, leaves: [String: String] = [:], entries: [String: [PredefinedEntry]] = [:]) {
        self.key = key
        self.leaves = leaves
        self.entries = entries
    }

    /// The records of this entry and its sub-entries when it is the entry at `path`.
    func records(at path: ConfigPath) -> [(RecordKey, Record)] {
        var result = [(RecordKey(path), Record(leaves))]
        for (list, entries) in entries {
            for entry in entries { result += entry.records(at: path.appending(list, key: entry.key)) }
        }
        return result
    }
}

extension SchemaNode {
    /// Every predefined entry of the schema below this node (the root), with its path.
    public func predefinedEntries() -> [(path: ConfigPath, entry: PredefinedEntry)] {
        var result: [(ConfigPath, PredefinedEntry)] = []
        func collect(_ node: SchemaNode, at path: ConfigPath) {
            for child in node.children where !child.isLeaf {
                let childPath = path.appending(child.keyword)
                for entry in child.predefined { result.append((path.appending(child.keyword, key: entry.key), entry)) }
                if child.isContainer { collect(child, at: childPath) }
            }
        }
        collect(self, at: .root)
        return result
    }

    /// The records of every predefined entry of the schema below this node (the root), in
    /// key order.
    public func predefinedRecords() -> [(key: RecordKey, record: Record)] {
        predefinedEntries().flatMap { $0.entry.records(at: $0.path) }.sorted { $0.0 < $1.0 }
    }

    /// The records of the predefined entry `key` of this list, when it has one, with
    /// `path` the entry's path.
    public func predefinedRecords(ofEntry key: String, at path: ConfigPath) -> [RecordKey: Record]? {
        guard let entry = predefined.first(where: { $0.key == key }) else { return nil }
        return Dictionary(uniqueKeysWithValues: entry.records(at: path))
    }
}
