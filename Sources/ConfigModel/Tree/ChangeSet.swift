/// One record that differs between two configurations; `nil` is "absent".
public struct RecordChange: Hashable, Sendable {
    public let key: RecordKey
    public let old: Record?
    public let new: Record?

    public init(key: RecordKey, old: Record?, new: Record?) {
        self.key = key
        self.old = old
        self.new = new
    }

    public var inverted: RecordChange { RecordChange(key: key, old: new, new: old) }

    /// The leaves whose values differ, with old and new values, sorted by name.
    public var leafChanges: [(leaf: String, old: String?, new: String?)] {
        // Each side's leaves once, without building the union of the names: a bulk compare
        // renders 100,000 records.
        var changed: [(leaf: String, old: String?, new: String?)] = []
        for leaf in old?.leaves ?? [] where new?[leaf.name] != leaf.value {
            changed.append((leaf.name, leaf.value, new?[leaf.name]))
        }
        for leaf in new?.leaves ?? [] where old?[leaf.name] == nil {
            changed.append((leaf.name, nil, leaf.value))
        }
        return changed.sorted { $0.leaf < $1.leaf }
    }

    /// Leaves changed, counting the creation or removal of an entry as one change.
    /// Counted without building `leafChanges`: bulk publishes size 100,000 records.
    public var size: Int {
        var count = 0
        for leaf in old?.leaves ?? [] where new?[leaf.name] != leaf.value { count += 1 }
        for leaf in new?.leaves ?? [] where old?[leaf.name] == nil { count += 1 }
        return (old == nil) != (new == nil) ? max(count, 1) : count
    }
}

/// The difference between two configurations, as record changes in key order.
public struct ChangeSet: Equatable, Sendable {
    public var changes: [RecordChange]

    public init(_ changes: [RecordChange] = []) {
        // Sorting indices moves machine words, not changes with their reference counts (a
        // bulk publish sorts 100,000); both sorts are stable, so the order is the same.
        let order = changes.indices.sorted { changes[$0].key < changes[$1].key }
        self.changes = order.map { changes[$0] }
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// Number of leaf-level changes, what `status` and the prompt count.
    public var size: Int { changes.reduce(0) { $0 + $1.size } }

    public static func diff(from old: ConfigTree, to new: ConfigTree) -> ChangeSet {
        var changes: [RecordChange] = []
        for (key, record) in old.records where new.records[key] != record {
            changes.append(RecordChange(key: key, old: record, new: new.records[key]))
        }
        for (key, record) in new.records where old.records[key] == nil {
            changes.append(RecordChange(key: key, old: nil, new: record))
        }
        return ChangeSet(changes)
    }

    public var inverted: ChangeSet { ChangeSet(changes.map(\.inverted)) }

    public func apply<Writer: ConfigWriter>(to config: inout Writer) throws {
        for change in changes { try config.putRecord(change.key, change.new) }
    }

    public func applied(to tree: ConfigTree) -> ConfigTree {
        var result = tree
        for change in changes { result.records[change.key] = change.new }
        return result
    }
}
