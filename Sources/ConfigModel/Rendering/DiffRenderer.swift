/// `compare`: record changes as lines, one record at a time, so a change set of any size
/// streams. Each line starts with a marker column — `+` added, `-` removed, blank for
/// context — so that `| match '^\+'` finds additions. A record's heading is its full path;
/// its changed leaves follow, indented, in schema order, a changed value as `-` then `+`:
///
///       manage-system notification-channels email
///     -   port 25
///     +   port 2525
///     + manage-accounts-and-storage user-accounts user bob
///     +   display-name Bob
public struct DiffRenderer: Sendable {
    public let schema: SchemaNode
    /// Whether secrets are written; otherwise each shows as `********` — a changed secret
    /// still shows as changed, since the comparison is made on the real values.
    public var includeSecrets: Bool
    /// Whether `+` lines are green and `-` lines red (ANSI), for a terminal.
    public var colored: Bool

    public init(schema: SchemaNode = DigitalAccessSchema.root, includeSecrets: Bool = false, colored: Bool = false) {
        self.schema = schema
        self.includeSecrets = includeSecrets
        self.colored = colored
    }

    public func render(_ changes: some Sequence<RecordChange>, to emit: (String) throws -> Void) throws {
        var tables = LeafTables()
        for change in changes { try render(change, tables: &tables, to: emit) }
    }

    /// Writes the lines of one record's change; nothing when the record did not change.
    public func render(_ change: RecordChange, to emit: (String) throws -> Void) throws {
        var tables = LeafTables()
        try render(change, tables: &tables, to: emit)
    }

    private func render(_ change: RecordChange, tables: inout LeafTables, to emit: (String) throws -> Void) throws {
        guard change.old != change.new else { return }
        let path = change.key.path(in: schema)
        let isEntry = path?.isEntry == true
        let headingMarker: Character = !isEntry ? " " : change.old == nil ? "+" : change.new == nil ? "-" : " "
        try emit(line(headingMarker, path?.description ?? change.key.description))
        let leaves = path.flatMap { schema.node(at: $0) }.map { tables.leaves(of: $0, isEntry: isEntry) } ?? RecordLeaves()
        // Positions looked up once per leaf, not at every comparison of the sort.
        let changed = change.leafChanges.map { (position: leaves.position(of: $0.leaf), change: $0) }
            .sorted { ($0.position, $0.change.leaf) < ($1.position, $1.change.leaf) }
            .map(\.change)
        for (leaf, old, new) in changed {
            let isSecret = leaves.type(of: leaf)?.isSecret == true && !includeSecrets
            if let old { try emit(line("-", "  \(leaf) \(isSecret ? SecretMask.text : Quoting.word(old))")) }
            if let new { try emit(line("+", "  \(leaf) \(isSecret ? SecretMask.text : Quoting.word(new))")) }
        }
    }

    private func line(_ marker: Character, _ text: String) -> String {
        let plain = (marker == "+" ? "+ " : marker == "-" ? "- " : "\(marker) ") + text
        guard colored else { return plain }
        switch marker {
        case "+": return "\u{1B}[32m\(plain)\u{1B}[0m"
        case "-": return "\u{1B}[31m\(plain)\u{1B}[0m"
        default: return plain
        }
    }
}

/// `RecordLeaves` of each record kind met in one rendering: a change of 100,000 users needs
/// the table of a user once, not once per user.
private struct LeafTables {
    private var tables: [ObjectIdentifier: (entry: RecordLeaves?, other: RecordLeaves?)] = [:]

    mutating func leaves(of node: SchemaNode, isEntry: Bool) -> RecordLeaves {
        let id = ObjectIdentifier(node)
        if let known = isEntry ? tables[id]?.entry : tables[id]?.other { return known }
        let built = RecordLeaves(node, isEntry: isEntry)
        if isEntry { tables[id, default: (nil, nil)].entry = built } else { tables[id, default: (nil, nil)].other = built }
        return built
    }
}

/// The leaves a record holds, by their names within it, in schema order. An entry's record
/// also holds the leaves of the containers inside it (`portwise-authentication
/// notification`); a container outside any list holds only its own leaves, as every
/// container with leaves there, and every nested list, is a record of its own.
private struct RecordLeaves {
    private var positions: [String: Int] = [:]
    private var types: [String: ValueType] = [:]

    init() {}

    init(_ recordNode: SchemaNode, isEntry: Bool) {
        collect(recordNode, prefix: "", descending: isEntry)
    }

    private mutating func collect(_ node: SchemaNode, prefix: String, descending: Bool) {
        for child in node.children {
            let name = prefix.isEmpty ? child.keyword : prefix + " " + child.keyword
            switch child.kind {
            case .leaf(let spec):
                positions[name] = positions.count
                types[name] = spec.type
            case .container where descending:
                collect(child, prefix: name, descending: true)
            case .container, .list:
                continue
            }
        }
    }

    /// Where the leaf comes in schema order; leaves unknown to the schema come last.
    func position(of leaf: String) -> Int { positions[leaf] ?? Int.max }

    func type(of leaf: String) -> ValueType? { types[leaf] }
}
