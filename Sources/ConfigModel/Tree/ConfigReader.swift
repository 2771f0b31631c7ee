/// Read access to a configuration, whatever holds it: an in-memory tree, a revision in the
/// store, or a candidate over its base. Validation and rendering are written against this.
public protocol ConfigReader {
    var schema: SchemaNode { get }
    func record(_ key: RecordKey) throws -> Record?
    /// Every record strictly inside `ancestor`'s subtree, in key order.
    func forEachRecord(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) throws
    /// The records whose reference leaves name the entry `target`.
    func referrers(of target: RecordKey) throws -> [Referrer]
    /// Up to `limit` keys of the entries of `list` that start with `prefix`, in key order:
    /// what completion offers. Stores answer from an index, never by loading the list.
    func entryKeys(of list: ConfigPath, startingWith prefix: String, limit: Int) throws -> [String]
    /// How many entries of `list` start with `prefix`, counting no further than `cap`.
    func countEntries(of list: ConfigPath, startingWith prefix: String, cap: Int) throws -> Int
    /// The entries of `list` whose keys start with `prefix`, in key order, one at a time
    /// until `body` returns false: a search of a million users never holds them all.
    func forEachEntry(of list: ConfigPath, startingWith prefix: String, _ body: (String, Record) throws -> Bool) throws
    /// The same, except that entries whose key and leaves do not contain `word` (ASCII,
    /// lower case; compared ignoring ASCII case) may be left out: a store filters them in
    /// its own scan, where a search of a million users for a word spends its time. What
    /// comes may still not contain it: the caller checks each.
    func forEachEntry(
        of list: ConfigPath, startingWith prefix: String, possiblyContaining word: String, _ body: (String, Record) throws -> Bool
    ) throws
}

extension ConfigReader {
    /// The value set at a leaf path, if any.
    public func value(at path: ConfigPath) throws -> String? {
        let location = LeafLocation(of: path)
        return try record(location.key)?[location.leaf]
    }

    /// The value set at a leaf path, or its default.
    public func effectiveValue(at path: ConfigPath) throws -> String? {
        if let value = try value(at: path) { return value }
        return schema.node(at: path)?.leafSpec?.defaultValue
    }

    /// Whether the list entry or record at `path` exists.
    public func exists(_ path: ConfigPath) throws -> Bool {
        try record(RecordKey(path)) != nil
    }

    /// The first list entry along `path` that does not exist (the path up to it), if any:
    /// what `show`, `ls`, `compare` and `delete` name when a key was mistyped, since an
    /// entry that is missing and one with nothing set would otherwise look the same.
    public func missingEntry(along path: ConfigPath) throws -> ConfigPath? {
        for end in path.steps.indices where path.steps[end].key != nil {
            let entry = ConfigPath(Array(path.steps[...end]))
            if try !exists(entry) { return entry }
        }
        return nil
    }

    /// The entries of the list at `list` (a path ending in a list keyword without key), in key order.
    public func entries(of list: ConfigPath) throws -> [(key: String, record: Record)] {
        let listKey = RecordKey(list)
        let start = listKey.descendantsLowerBound.utf8.count
        var result: [(String, Record)] = []
        try forEachRecord(under: listKey) { key, record in
            let rest = key.encoded.utf8.dropFirst(start)
            if !rest.contains(0x1F) { result.append((String(Substring(rest)), record)) }
        }
        return result
    }

    public func forEachEntry(of list: ConfigPath, startingWith prefix: String, _ body: (String, Record) throws -> Bool) throws {
        for entry in try entries(of: list) where entry.key.hasPrefix(prefix) {
            guard try body(entry.key, entry.record) else { return }
        }
    }

    public func forEachEntry(
        of list: ConfigPath, startingWith prefix: String, possiblyContaining word: String, _ body: (String, Record) throws -> Bool
    ) throws {
        try forEachEntry(of: list, startingWith: prefix, body)
    }

    public func entryKeys(of list: ConfigPath, startingWith prefix: String, limit: Int) throws -> [String] {
        Array(try entries(of: list).lazy.map(\.key).filter { $0.hasPrefix(prefix) }.prefix(limit))
    }

    public func countEntries(of list: ConfigPath, startingWith prefix: String, cap: Int) throws -> Int {
        min(cap, try entries(of: list).filter { $0.key.hasPrefix(prefix) }.count)
    }

    /// Scans the records of the lists holding reference leaves; for readers without an index.
    public func scanReferrers(of target: RecordKey) throws -> [Referrer] {
        guard let targetPath = target.path(in: schema), let name = targetPath.steps.last?.key else { return [] }
        let targetList = targetPath.steps.map(\.keyword)
        var found: [Referrer] = []
        for reference in schema.referenceLeaves where reference.target == targetList {
            try forEachListEntry(reference.list) { key, record in
                if record[reference.leaf] == name { found.append(Referrer(record: key, leaf: reference.leaf)) }
            }
        }
        return found.sorted { $0.record < $1.record }
    }

    /// Every entry of the list named by keywords, at any depth of enclosing lists.
    public func forEachListEntry(_ listKeywords: [String], _ body: (RecordKey, Record) throws -> Void) throws {
        // Find the longest keyword prefix outside any list, scan it, keep keys of the right shape.
        let path = ConfigPath(listKeywords.map { ConfigPath.Step($0) })
        var outer: [ConfigPath.Step] = []
        var node = schema
        for step in path.steps {
            guard let child = node.child(step.keyword) else { return }
            outer.append(step)
            node = child
            if child.isList { break }
        }
        let expectedDepth =
            listKeywords.count
            + listKeywords.indices.filter { index in
                schema.node(at: ConfigPath(listKeywords[...index].map { ConfigPath.Step($0) }))?.isList == true
            }.count
        try forEachRecord(under: RecordKey(ConfigPath(outer))) { key, record in
            let words = key.encoded.split(separator: RecordKey.separator, omittingEmptySubsequences: false)
            guard words.count == expectedDepth, let path = key.path(in: schema),
                path.steps.map(\.keyword) == listKeywords
            else { return }
            try body(key, record)
        }
    }
}
