import ConfigModel

/// Which records name which entries through their reference leaves. A storage keeps an
/// index of them for the published records, so that "who refers to this entry" is a
/// lookup rather than a scan of every method; this says what goes in it.
public struct ReferenceIndex: Sendable {
    public let schema: SchemaNode
    private let leavesByList: [[String]: [ReferenceLeaf]]
    /// The outermost lists whose subtrees hold every record with reference leaves.
    let scopes: [RecordKey]

    public init(schema: SchemaNode) {
        self.schema = schema
        leavesByList = Dictionary(grouping: schema.referenceLeaves, by: \.list)
        scopes = leavesByList.keys.map { list in
            var outer: [ConfigPath.Step] = []
            var node = schema
            for keyword in list {
                guard let child = node.child(keyword) else { break }
                outer.append(ConfigPath.Step(keyword))
                node = child
                if child.isList { break }
            }
            return RecordKey(ConfigPath(outer))
        }
    }

    /// The entries a record names through its reference leaves.
    public func references(of key: RecordKey, _ record: Record?) -> [(target: RecordKey, leaf: String)] {
        guard let record, !leavesByList.isEmpty, let list = listKeywords(of: key), let leaves = leavesByList[list] else { return [] }
        return leaves.compactMap { reference in
            guard let value = record[reference.leaf] else { return nil }
            let steps = reference.target.dropLast().map { ConfigPath.Step($0) } + [ConfigPath.Step(reference.target.last!, key: value)]
            return (RecordKey(ConfigPath(steps)), reference.leaf)
        }
    }

    /// Whether records of `key`'s list can hold references at all; cheap, to skip most keys.
    public func mayHoldReferences(_ key: RecordKey) -> Bool {
        leavesByList.keys.contains { list in key.encoded.hasPrefix(list[0]) }
            && listKeywords(of: key).map { leavesByList[$0] != nil } == true
    }

    private func listKeywords(of key: RecordKey) -> [String]? {
        key.path(in: schema)?.steps.map(\.keyword)
    }
}
