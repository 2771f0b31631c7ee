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
struct ConfigWalker<Visitor: ConfigVisitor> {
    var visitor: Visitor
    /// A path of the schema; what lies outside it is skipped without being read. The
    /// containers, list and entries above it are still opened, before the first content.
    let scope: ConfigPath
    /// Whether unset leaves are reported with their default, where the default applies.
    let withDefaults: Bool

    private struct Frame {
        let node: SchemaNode
        let path: ConfigPath
        var isOpen = false
    }

    /// The containers, lists and entries being walked, outermost first.
    private var frames: [Frame] = []

    init(visitor: Visitor, scope: ConfigPath, withDefaults: Bool) {
        self.visitor = visitor
        self.scope = scope
        self.withDefaults = withDefaults
    }

    /// Takes the reader as an existential, so that the walk is compiled for its visitor
    /// alone: generic over the reader as well, it ran unspecialized for every visitor.
    mutating func walk(_ config: any ConfigReader) throws {
        let schema = config.schema
        try visitChildren(of: schema, at: .root, leaves: LeafSource(record: nil, recordNode: schema, prefix: "", isInEntry: false), source: config)
    }

    private func isInScope(_ path: ConfigPath) -> Bool {
        path.isWithin(scope) || scope.isWithin(path)
    }

    private mutating func visitChildren(of node: SchemaNode, at path: ConfigPath, leaves: LeafSource, source: any ConfigReader) throws {
        for child in node.children {
            let childPath = path.appending(child.keyword)
            guard isInScope(childPath) else { continue }
            switch child.kind {
            case .leaf(let spec):
                if let value = leaves.record?[leaves.name(of: child.keyword)] {
                    try reportLeaf(child, spec, at: childPath, value: value)
                } else if withDefaults, let value = spec.defaultValue, leaves.defaultApplies(spec) {
                    try reportLeaf(child, spec, at: childPath, value: value)
                }
            case .container:
                let inner: LeafSource
                if leaves.isInEntry {
                    inner = leaves.descending(into: child.keyword)
                } else {
                    let record = source.schema.isRecord(childPath) ? try source.record(RecordKey(childPath)) : nil
                    inner = LeafSource(record: record, recordNode: child, prefix: "", isInEntry: false)
                }
                frames.append(Frame(node: child, path: childPath))
                try visitChildren(of: child, at: childPath, leaves: inner, source: source)
                try closeFrame()
            case .list:
                frames.append(Frame(node: child, path: childPath))
                try visitList(child, at: childPath, source: source)
                try closeFrame()
            }
        }
    }

    private mutating func visitList(_ list: SchemaNode, at path: ConfigPath, source: any ConfigReader) throws {
        let depth = path.steps.count
        if scope.steps.count >= depth, let key = scope.steps[depth - 1].key {
            // One entry is in scope: read it alone rather than stream the whole list.
            let entryPath = path.parent.appending(list.keyword, key: key)
            guard let record = try source.record(RecordKey(entryPath)) else { return }
            var descendants = ConfigTree(schema: source.schema)
            try source.forEachRecord(under: RecordKey(entryPath)) { descendants.records[$0] = $1 }
            try visitEntry(list, at: entryPath, record: record, descendants: descendants)
            return
        }
        let prefixLength = RecordKey(path).descendantsLowerBound.utf8.count
        var current: PendingEntry?
        try source.forEachRecord(under: RecordKey(path)) { key, record in
            let encoded = key.encoded
            let keyStart = encoded.utf8.index(encoded.startIndex, offsetBy: prefixLength)
            if let separator = encoded.utf8[keyStart...].firstIndex(of: UInt8(ascii: "\u{1F}")) {
                // Inside an entry: key order puts it right after its entry. A record whose
                // entry is missing breaks the store's invariant and is not shown.
                guard let entry = current, encoded.utf8[keyStart..<separator].elementsEqual(entry.key.utf8) else { return }
                current?.descendants.records[key] = record
            } else {
                if let entry = current {
                    try visitEntry(list, at: entry.path, record: entry.record, descendants: entry.descendants)
                }
                let entryKey = String(encoded[keyStart...])
                current = PendingEntry(
                    key: entryKey, path: path.parent.appending(list.keyword, key: entryKey),
                    record: record, descendants: ConfigTree(schema: source.schema))
            }
        }
        if let entry = current {
            try visitEntry(list, at: entry.path, record: entry.record, descendants: entry.descendants)
        }
    }

    /// An entry read from a list's stream, shown once the stream has passed its subtree.
    private struct PendingEntry {
        let key: String
        let path: ConfigPath
        let record: Record
        var descendants: ConfigTree
    }

    private mutating func visitEntry(_ list: SchemaNode, at path: ConfigPath, record: Record, descendants: ConfigTree) throws {
        frames.append(Frame(node: list, path: path))
        if path.isWithin(scope) { try openFrames() }
        try visitChildren(of: list, at: path, leaves: LeafSource(record: record, recordNode: list, prefix: "", isInEntry: true), source: descendants)
        try closeFrame()
    }

    private mutating func reportLeaf(_ node: SchemaNode, _ spec: LeafSpec, at path: ConfigPath, value: String) throws {
        try openFrames()
        try visitor.leaf(node, spec, at: path, value: value)
    }

    /// Opens the frames not opened yet, outermost first: content is about to be reported.
    private mutating func openFrames() throws {
        for index in frames.indices where !frames[index].isOpen {
            frames[index].isOpen = true
            try visitor.open(frames[index].node, at: frames[index].path)
        }
    }

    private mutating func closeFrame() throws {
        let frame = frames.removeLast()
        if frame.isOpen { try visitor.close(frame.node, at: frame.path) }
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

    func name(of leaf: String) -> String {
        prefix.isEmpty ? leaf : prefix + " " + leaf
    }

    func descending(into container: String) -> LeafSource {
        LeafSource(record: record, recordNode: recordNode, prefix: name(of: container), isInEntry: isInEntry)
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
