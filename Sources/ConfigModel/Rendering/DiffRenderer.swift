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

    public init(schema: SchemaNode, includeSecrets: Bool = false) {
        self.schema = schema
        self.includeSecrets = includeSecrets
    }

    public func render(_ changes: some Sequence<RecordChange>, to emit: (String) throws -> Void) throws {
        let decoder = RecordDecoder(schema: schema)
        for change in changes { try render(change, decoder: decoder, to: emit) }
    }

    /// The decoder shares the schema walk and the leaf table between records of one kind:
    /// `check` of a bulk script renders 100,000 users.
    private func render(_ change: RecordChange, decoder: RecordDecoder, to emit: (String) throws -> Void) throws {
        guard change.old != change.new else { return }
        guard let view = decoder.view(change.key, change.new ?? change.old ?? Record()) else {
            // Not a record the schema knows: its key as written, leaves by name.
            try emit(line(" ", change.key.description))
            for (leaf, old, new) in change.leafChanges { try emitLeaf(leaf, old: old, new: new, isSecret: false, to: emit) }
            return
        }
        let headingMarker: Character = !view.isEntry ? " " : change.old == nil ? "+" : change.new == nil ? "-" : " "
        try emit(line(headingMarker, view.pathText))
        var shown = 0
        for (leaf, spec) in view.shape.leaves {
            let old = change.old?[leaf], new = change.new?[leaf]
            if old == nil, new == nil { continue }
            shown += (old == nil ? 0 : 1) + (new == nil ? 0 : 1)
            guard old != new else { continue }
            try emitLeaf(leaf, old: old, new: new, isSecret: spec.type.isSecret && !includeSecrets, to: emit)
        }
        // Leaves unknown to the schema come last, by name.
        guard shown < (change.old?.count ?? 0) + (change.new?.count ?? 0) else { return }
        for (leaf, old, new) in change.leafChanges where view.spec(leaf) == nil {
            try emitLeaf(leaf, old: old, new: new, isSecret: false, to: emit)
        }
    }

    /// A changed value as `-` then `+`, each indented under the heading.
    private func emitLeaf(_ leaf: String, old: String?, new: String?, isSecret: Bool, to emit: (String) throws -> Void) throws {
        if let old { try emit(line("-", leaf: leaf, value: isSecret ? SecretMask.text : Quoting.word(old))) }
        if let new { try emit(line("+", leaf: leaf, value: isSecret ? SecretMask.text : Quoting.word(new))) }
    }

    private func line(_ marker: Character, leaf: String, value: String) -> String {
        // Copied byte for byte into one buffer: these are most of the lines of a bulk diff,
        // and each `+=` on a String costs hundreds of instructions.
        let leafCount = leaf.utf8.count, valueCount = value.utf8.count
        return String(unsafeUninitializedCapacity: 5 + leafCount + valueCount) { buffer in
            buffer[0] = marker == "+" ? UInt8(ascii: "+") : UInt8(ascii: "-")
            for index in 1...3 { buffer[index] = UInt8(ascii: " ") }
            UTF8Bytes.with(leaf) { _ = UnsafeMutableBufferPointer(rebasing: buffer[4...]).initialize(fromContentsOf: $0) }
            buffer[4 + leafCount] = UInt8(ascii: " ")
            UTF8Bytes.with(value) { _ = UnsafeMutableBufferPointer(rebasing: buffer[(5 + leafCount)...]).initialize(fromContentsOf: $0) }
            return 5 + leafCount + valueCount
        }
    }

    private func line(_ marker: Character, _ text: String) -> String {
        (marker == "+" ? "+ " : marker == "-" ? "- " : "\(marker) ") + text
    }
}
