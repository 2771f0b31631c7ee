/// `display set` and `save`: the configuration as `set` commands, in schema order, one per
/// set leaf with its full path, so that running them on an empty configuration rebuilds it.
public struct SetRenderer: Sendable {
    /// Whether secrets are written; otherwise each is a `# set … ********` comment line, so
    /// that running the output never overwrites a secret with the mask.
    public var includeSecrets: Bool

    public init(includeSecrets: Bool = false) {
        self.includeSecrets = includeSecrets
    }

    /// Writes the lines for what lies inside `scope` (a path of the schema), one call per line.
    public func render(_ config: some ConfigReader, under scope: ConfigPath = .root, to emit: (String) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            var walker = ConfigWalker(visitor: SetLines(includeSecrets: includeSecrets, emit: emit), scope: scope, withDefaults: false)
            try walker.walk(config)
        }
    }
}

/// Turns walker events into lines. An entry needs a bare `set PATH-TO-ENTRY` line only when
/// no line inside it would create it: any `set` line creates every entry above it.
private struct SetLines: ConfigVisitor {
    let includeSecrets: Bool
    let emit: (String) throws -> Void
    /// The open entries, outermost first, and whether a line has created them yet.
    private var entries: [(path: ConfigPath, isCreated: Bool)] = []
    /// The words of each open container's, list's and entry's path, outermost first, so
    /// that a leaf's line costs one concatenation rather than quoting its whole path again.
    private var openWords: [String] = []

    init(includeSecrets: Bool, emit: @escaping (String) throws -> Void) {
        self.includeSecrets = includeSecrets
        self.emit = emit
    }

    mutating func open(_ node: SchemaNode, at path: ConfigPath) throws {
        let last = path.steps[path.steps.count - 1]
        if let key = last.key {
            // The list itself was opened just before, with the keyword.
            openWords.append(openWords.last! + " " + Quoting.word(key))
            entries.append((path, false))
        } else {
            openWords.append(openWords.last.map { $0 + " " + last.keyword } ?? last.keyword)
        }
    }

    mutating func leaf(_ node: SchemaNode, _ spec: LeafSpec, at path: ConfigPath, value: String) throws {
        let words = openWords.last.map { $0 + " " + node.keyword } ?? node.keyword
        if spec.type.isSecret && !includeSecrets {
            // A comment creates nothing: create the entry first, so the lines stay in order.
            if let innermost = entries.last, !innermost.isCreated { try create(innermost.path) }
            try emit("# set \(words) \(SecretMask.text)")
        } else {
            try emit("set \(words) \(Quoting.word(value))")
            markCreated()
        }
    }

    mutating func close(_ node: SchemaNode, at path: ConfigPath) throws {
        if path.isEntry, let entry = entries.popLast(), !entry.isCreated { try create(entry.path) }
        openWords.removeLast()
    }

    private mutating func create(_ entry: ConfigPath) throws {
        try emit("set " + entry.words.joined(separator: " "))
        markCreated()
    }

    private mutating func markCreated() {
        for index in entries.indices { entries[index].isCreated = true }
    }
}
