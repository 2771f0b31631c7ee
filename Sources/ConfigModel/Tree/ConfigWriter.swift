/// Write access to a configuration. The editing operations of the command language
/// (`set`, `delete`, `rename`, `copy`) are defined once here, over `putRecord`.
public protocol ConfigWriter: ConfigReader {
    mutating func putRecord(_ key: RecordKey, _ record: Record?) throws
}

/// Why an edit could not be made.
public struct EditError: Error, Equatable, CustomStringConvertible {
    public let path: ConfigPath
    public let message: String

    public init(_ path: ConfigPath, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

extension ConfigWriter {
    /// Sets a leaf to a canonical value, creating the entries on the way.
    public mutating func setLeaf(_ path: ConfigPath, to value: String) throws {
        try setLeaf(at: LeafLocation(of: path), to: value)
    }

    /// The same, at a location already worked out.
    public mutating func setLeaf(at location: LeafLocation, to value: String) throws {
        let key = location.key
        var record: Record
        if let existing = try self.record(key) {
            // A record exists only inside existing entries, so nothing above needs creating.
            record = existing
        } else {
            // The entries above are created empty; the record itself is written just below,
            // with its leaf, rather than written empty first.
            try createEntries(along: location.record, writtenByCaller: true)
            record = Record()
        }
        guard record[location.leaf] != value else { return }
        record[location.leaf] = value
        try putRecord(key, record)
    }

    /// Creates the list entry at `path` and every entry above it that is missing. Containers
    /// are not entries: their records exist only while a leaf of theirs is set.
    public mutating func createEntries(along path: ConfigPath) throws {
        try createEntries(along: path, writtenByCaller: false)
    }

    /// `writtenByCaller`: the record at `path` itself is left to the caller, who is about to
    /// write it.
    private mutating func createEntries(along path: ConfigPath, writtenByCaller: Bool) throws {
        for index in path.steps.indices where path.steps[index].key != nil {
            if writtenByCaller, index == path.steps.count - 1 { continue }
            let key = RecordKey(ConfigPath(Array(path.steps[...index])))
            if try record(key) == nil { try putRecord(key, Record()) }
        }
    }

    /// Deletes a leaf, an entry, a whole list or a subtree. Returns whether anything changed.
    @discardableResult
    public mutating func delete(_ path: ConfigPath) throws -> Bool {
        guard let node = schema.node(at: path) else { throw EditError(path, "no such path") }
        let keyed = path.steps.lastIndex(where: { $0.key != nil })
        let insideRecord = node.isLeaf || (keyed.map { $0 < path.steps.count - 1 } ?? false) && node.isContainer
        if insideRecord {
            let recordPath = keyed.map { ConfigPath(Array(path.steps[...$0])) } ?? path.parent
            let relative = path.steps[((keyed ?? path.steps.count - 2) + 1)...].map(\.keyword).joined(separator: " ")
            let key = RecordKey(recordPath)
            guard var record = try record(key) else { return false }
            let removed = record.removeLeaves { name in
                node.isLeaf ? name == relative : name.hasPrefix(relative + " ")
            }
            guard removed else { return false }
            try putRecord(key, record.isEmpty && keyed == nil ? nil : record)
            return true
        }
        let key = RecordKey(path)
        var doomed: [RecordKey] = []
        if try record(key) != nil { doomed.append(key) }
        try forEachRecord(under: key) { descendant, _ in doomed.append(descendant) }
        for descendant in doomed { try putRecord(descendant, nil) }
        try restorePredefinedEntries(under: path)
        return !doomed.isEmpty
    }

    /// Predefined entries inside a deleted subtree come back, as defaults do; one deleted
    /// itself stays deleted, for the product's rules to judge.
    private mutating func restorePredefinedEntries(under path: ConfigPath) throws {
        for (entryPath, entry) in schema.predefinedEntries() where entryPath.isWithin(path) && entryPath != path {
            for (key, record) in entry.records(at: entryPath) { try putRecord(key, record) }
        }
    }

    /// Gives the entry at `path` a new key, moving its subtree and rewriting every reference
    /// to it. Fails when the entry is missing or the new key is taken.
    /// Returns how many references were changed to name the new key.
    @discardableResult
    public mutating func rename(_ path: ConfigPath, to newKey: String) throws -> Int {
        let (subtree, newPath) = try subtreeToPlace(path, under: newKey, doing: "renamed")
        let oldKey = RecordKey(path)
        let referrers = try self.referrers(of: oldKey)
        for (key, record) in subtree {
            try putRecord(key, nil)
            try putRecord(Self.key(key, movedFrom: oldKey, to: RecordKey(newPath)), record)
        }
        var updated = 0
        for referrer in referrers {
            guard var referring = try self.record(referrer.record) else { continue }
            referring[referrer.leaf] = newKey
            try putRecord(referrer.record, referring)
            updated += 1
        }
        return updated
    }

    /// Makes a new entry under `newKey` with the leaves and sub-entries of the entry at
    /// `path`; what refers to the original keeps referring to it. The copy's leaves that
    /// `marksCopies` get ` (copy)` appended. Fails when the entry is missing or the new key
    /// is taken.
    public mutating func copy(_ path: ConfigPath, to newKey: String) throws {
        let (subtree, newPath) = try subtreeToPlace(path, under: newKey, doing: "copied")
        let marked = (schema.node(at: path)?.children ?? []).filter { $0.leafSpec?.marksCopies == true }.map(\.keyword)
        for (key, record) in subtree {
            var copied = record
            if key == RecordKey(path) {
                for leaf in marked { copied[leaf] = record[leaf].map { $0 + " (copy)" } }
            }
            try putRecord(Self.key(key, movedFrom: RecordKey(path), to: RecordKey(newPath)), copied)
        }
    }

    /// The records of the entry at `path` and of its sub-entries, and the path of the entry
    /// under `newKey`, which `rename` and `copy` fill: after checking that the entry exists,
    /// the new key is valid for its list and no entry has it yet.
    private func subtreeToPlace(_ path: ConfigPath, under newKey: String, doing verb: String) throws -> ([(RecordKey, Record)], ConfigPath) {
        guard let last = path.steps.last, last.key != nil else { throw EditError(path, "only a list entry can be \(verb)") }
        let keyType = schema.node(at: path)?.keyType ?? .name
        do { _ = try keyType.validate(newKey) } catch { throw EditError(path, "invalid new key: \(error)") }
        let newPath = ConfigPath(path.steps.dropLast() + [ConfigPath.Step(last.keyword, key: newKey)])
        let key = RecordKey(path)
        guard let record = try record(key) else { throw EditError(path, "no such entry") }
        guard try self.record(RecordKey(newPath)) == nil else { throw EditError(newPath, "already exists") }
        var subtree: [(RecordKey, Record)] = [(key, record)]
        try forEachRecord(under: key) { subtree.append(($0, $1)) }
        return (subtree, newPath)
    }

    /// Where the record at `key`, inside the entry at `oldEntry`, goes when that entry's
    /// subtree is placed at `newEntry`.
    private static func key(_ key: RecordKey, movedFrom oldEntry: RecordKey, to newEntry: RecordKey) -> RecordKey {
        let suffix = key.encoded.utf8.dropFirst(oldEntry.encoded.utf8.count)
        return RecordKey(encoded: newEntry.encoded + String(Substring(suffix)))
    }
}
