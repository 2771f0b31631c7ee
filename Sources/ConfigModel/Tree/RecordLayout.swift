/// Where the schema puts records: which nodes are records (see `LeafLocation`), and which
/// leaves refer to other entries.
extension SchemaNode {
    /// Whether the node at `path` is stored as its own record.
    public func isRecord(_ path: ConfigPath) -> Bool {
        if path.steps.last?.key != nil { return true }
        guard !path.steps.contains(where: { $0.key != nil }), let node = node(at: path) else { return false }
        return node.isContainer && node.children.contains(where: \.isLeaf)
    }

    /// Every reference leaf of the schema: the list whose entries hold it, its name within
    /// the entry's record, and the list it points into.
    public var referenceLeaves: [ReferenceLeaf] {
        var found: [ReferenceLeaf] = []
        func walk(_ node: SchemaNode, path: [String], recordList: [String]?, relative: [String]) {
            for child in node.children {
                let childPath = path + [child.keyword]
                switch child.kind {
                case .leaf(let spec):
                    if case .reference(let target) = spec.type, let recordList {
                        found.append(ReferenceLeaf(list: recordList, leaf: (relative + [child.keyword]).joined(separator: " "), target: target))
                    }
                case .list:
                    walk(child, path: childPath, recordList: childPath, relative: [])
                case .container:
                    walk(child, path: childPath, recordList: recordList, relative: recordList == nil ? [] : relative + [child.keyword])
                }
            }
        }
        walk(self, path: [], recordList: nil, relative: [])
        return found
    }
}

/// A reference leaf in the schema (`method` `authentication-server` → `service`).
public struct ReferenceLeaf: Sendable, Equatable {
    /// Keywords of the list whose entries hold the leaf.
    public let list: [String]
    public let leaf: String
    /// Keywords of the list the value names an entry of.
    public let target: [String]
}

/// One place that names an entry: the referring record and its leaf.
public struct Referrer: Hashable, Sendable, CustomStringConvertible {
    public let record: RecordKey
    public let leaf: String

    public init(record: RecordKey, leaf: String) {
        self.record = record
        self.leaf = leaf
    }

    public var description: String { "\(record) \(leaf)" }
}
