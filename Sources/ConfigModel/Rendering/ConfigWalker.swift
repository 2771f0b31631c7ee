/// Walks the part of a configuration inside a scope in schema order and reports it to a
/// visitor, so that every renderer shares one notion of order and of what is shown.
///
/// Memory stays bounded by one list entry whatever the size of the configuration: each list
/// is streamed once with `forEachRecord(under:)`, and only the records of the entry being
/// read are held, so that its nested lists can be shown in schema order rather than key order.
/// The reader is never re-entered from inside its own `forEachRecord`, which a store's
/// cursor may not allow.
///
/// A container or whole list opens just before its first content, so empty ones are never
/// reported; an entry inside the scope always opens, since it exists even with nothing set.
///
/// A walk visits every leaf of every entry: the path of what is visited is one value changed
/// in place on the way down and up, and what lies inside the scope is not checked again below.
struct ConfigWalker<Visitor: ConfigVisitor> {
    var visitor: Visitor
    /// A path of the schema; what lies outside it is skipped without being read. The
    /// containers, list and entries above it are still opened, before the first content.
    let scope: ConfigPath
    /// Whether unset leaves are reported with their default, where the default applies.
    let withDefaults: Bool

    /// A container, whole list or entry being walked; its path is the first `depth` steps
    /// of the walk's path (a whole list's last step without the key of the entry in it).
    private struct Frame {
        let node: SchemaNode
        let depth: Int
        let isWholeList: Bool
    }

    /// The containers, lists and entries being walked, outermost first.
    private var frames: [Frame] = []
    /// How many of `frames`, from the outermost, are open: they open outermost first.
    private var openFrames = 0
    /// The path of what is being visited.
    private var path = ConfigPath.root

    init(visitor: Visitor, scope: ConfigPath, withDefaults: Bool) {
        self.visitor = visitor
        self.scope = scope
        self.withDefaults = withDefaults
    }

    /// Takes the reader as an existential, so that the walk is compiled for its visitor
    /// alone: generic over the reader as well, it ran unspecialized for every visitor.
    mutating func walk(_ config: any ConfigReader) throws {
        let schema = config.schema
        let leaves = LeafSource(record: nil, recordNode: schema, prefix: "", isInEntry: false)
        try visitChildren(of: schema, leaves: leaves, source: config, isInScope: scope.isRoot)
    }

    /// Visits the children of `node`, which `path` leads to; `isInScope` says whether it
    /// lies inside the scope, and so everything below it too.
    private mutating func visitChildren(of node: SchemaNode, leaves: LeafSource, source: any ConfigReader, isInScope: Bool) throws {
        for child in node.children {
            path.steps.append(ConfigPath.Step(child.keyword))
            defer { path.steps.removeLast() }
            let isChildInScope = isInScope || path.isWithin(scope)
            guard isChildInScope || scope.isWithin(path) else { continue }
            switch child.kind {
            case .leaf(let spec):
                if let value = leaves.value(of: child.keyword) {
                    try reportLeaf(child, spec, value: value)
                } else if withDefaults, let value = spec.defaultValue, leaves.defaultApplies(spec) {
                    try reportLeaf(child, spec, value: value)
                }
            case .container:
                let inner: LeafSource
                if leaves.isInEntry {
                    inner = leaves.descending(into: child.keyword)
                } else {
                    let record = source.schema.isRecord(path) ? try source.record(RecordKey(path)) : nil
                    inner = LeafSource(record: record, recordNode: child, prefix: "", isInEntry: false)
                }
                frames.append(Frame(node: child, depth: path.steps.count, isWholeList: false))
                try visitChildren(of: child, leaves: inner, source: source, isInScope: isChildInScope)
                try closeFrame()
            case .list:
                frames.append(Frame(node: child, depth: path.steps.count, isWholeList: true))
                try visitList(child, source: source, isInScope: isChildInScope)
                try closeFrame()
            }
        }
    }

    /// Visits the entries of `list`, the whole list `path` leads to.
    private mutating func visitList(_ list: SchemaNode, source: any ConfigReader, isInScope: Bool) throws {
        let depth = path.steps.count
        if scope.steps.count >= depth, let key = scope.steps[depth - 1].key {
            // One entry is in scope: read it alone rather than stream the whole list.
            let entryKey = RecordKey(path.parent.appending(list.keyword, key: key))
            guard let record = try source.record(entryKey) else { return }
            var descendants = ConfigTree(schema: source.schema)
            try source.forEachRecord(under: entryKey) { descendants.records[$0] = $1 }
            try visitEntry(list, key: key, record: record, descendants: descendants, isInScope: isInScope)
            return
        }
        let listKey = RecordKey(path)
        let prefixLength = listKey.descendantsLowerBound.utf8.count
        var current: PendingEntry?
        try source.forEachRecord(under: listKey) { key, record in
            let encoded = key.encoded
            let keyStart = encoded.utf8.index(encoded.startIndex, offsetBy: prefixLength)
            if let separator = encoded.utf8[keyStart...].firstIndex(of: UInt8(ascii: "\u{1F}")) {
                // Inside an entry: key order puts it right after its entry. A record whose
                // entry is missing breaks the store's invariant and is not shown.
                guard let entry = current, encoded.utf8[keyStart..<separator].elementsEqual(entry.key.utf8) else { return }
                current?.descendants.records[key] = record
            } else {
                if let entry = current, shows(entry, of: list) {
                    try visitEntry(list, key: entry.key, record: entry.record, descendants: entry.descendants, isInScope: isInScope)
                }
                current = PendingEntry(key: String(encoded[keyStart...]), record: record, descendants: ConfigTree(schema: source.schema))
            }
        }
        if let entry = current, shows(entry, of: list) {
            try visitEntry(list, key: entry.key, record: entry.record, descendants: entry.descendants, isInScope: isInScope)
        }
    }

    /// A predefined entry as the product defines it is shown like a default: only with
    /// defaults, or when it is what was asked for.
    private func shows(_ entry: PendingEntry, of list: SchemaNode) -> Bool {
        guard !withDefaults, !list.predefined.isEmpty else { return true }
        let entryPath = path.parent.appending(list.keyword, key: entry.key)
        guard let predefined = list.predefinedRecords(ofEntry: entry.key, at: entryPath) else { return true }
        var records = entry.descendants.records
        records[RecordKey(entryPath)] = entry.record
        return records != predefined
    }

    /// An entry read from a list's stream, shown once the stream has passed its subtree.
    private struct PendingEntry {
        let key: String
        let record: Record
        var descendants: ConfigTree
    }

    /// Visits the entry `key` of `list`, whose whole list `path` leads to.
    private mutating func visitEntry(_ list: SchemaNode, key: String, record: Record, descendants: ConfigTree, isInScope: Bool) throws {
        let last = path.steps.count - 1
        path.steps[last] = ConfigPath.Step(list.keyword, key: key)
        defer { path.steps[last] = ConfigPath.Step(list.keyword) }
        frames.append(Frame(node: list, depth: path.steps.count, isWholeList: false))
        let isEntryInScope = isInScope || path.isWithin(scope)
        if isEntryInScope { try openPendingFrames() }
        let leaves = LeafSource(record: record, recordNode: list, prefix: "", isInEntry: true)
        try visitChildren(of: list, leaves: leaves, source: descendants, isInScope: isEntryInScope)
        try closeFrame()
    }

    private mutating func reportLeaf(_ node: SchemaNode, _ spec: LeafSpec, value: String) throws {
        try openPendingFrames()
        try visitor.leaf(node, spec, at: path, value: value)
    }

    /// Opens the frames not opened yet, outermost first: content is about to be reported.
    private mutating func openPendingFrames() throws {
        while openFrames < frames.count {
            let frame = frames[openFrames]
            openFrames += 1
            try visitor.open(frame.node, at: path(of: frame))
        }
    }

    /// Closes the innermost frame, which `path` leads to.
    private mutating func closeFrame() throws {
        let frame = frames.removeLast()
        guard openFrames > frames.count else { return }
        openFrames -= 1
        try visitor.close(frame.node, at: path)
    }

    private func path(of frame: Frame) -> ConfigPath {
        if frame.depth == path.steps.count, !frame.isWholeList { return path }
        var steps = Array(path.steps[..<frame.depth])
        if frame.isWholeList { steps[frame.depth - 1] = ConfigPath.Step(frame.node.keyword) }
        return ConfigPath(steps)
    }
}

/// Where the leaves of the container being walked are held: inside a list entry, in the
/// entry's record under the container's keywords; outside any list, in the container's own
/// record.
private struct LeafSource {
    let record: Record?
    /// The list or container whose record this is; applicability conditions name its leaves.
    let recordNode: SchemaNode
    let prefix: String
    let isInEntry: Bool

    /// The value of the leaf `leaf` of this container, if set.
    func value(of leaf: String) -> String? {
        guard let record else { return nil }
        return prefix.isEmpty ? record[leaf] : record[prefix, leaf]
    }

    func descending(into container: String) -> LeafSource {
        LeafSource(record: record, recordNode: recordNode, prefix: prefix.isEmpty ? container : prefix + " " + container, isInEntry: isInEntry)
    }

    /// Whether a default exists here: structural (error-level) conditions on sibling leaves,
    /// such as the method's type, must hold; advisory ones do not remove a default.
    func defaultApplies(_ spec: LeafSpec) -> Bool {
        spec.applicability.allSatisfy { condition in
            condition.level != .error || effectiveValue(of: condition.leaf).map(condition.values.contains) == true
        }
    }

    private func effectiveValue(of leaf: String) -> String? {
        if let value = record?[leaf] { return value }
        var node: SchemaNode? = recordNode
        for keyword in leaf.split(separator: " ") { node = node?.child(String(keyword)) }
        return node?.leafSpec?.defaultValue
    }
}
