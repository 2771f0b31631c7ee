/// `show` and `display tree`: the configuration as an indented outline, two spaces per
/// level, without braces. Containers and list entries (`method m1`) are headings, leaves are
/// `keyword value` lines; values and keys are quoted as the command language would read them,
/// so that a line with a space in its value stays unambiguous.
public struct TreeRenderer: Sendable {
    /// Whether secrets are written; otherwise each shows as `********`.
    public var includeSecrets: Bool
    /// Whether unset leaves appear with their default, where the default applies.
    public var withDefaults: Bool

    public init(includeSecrets: Bool = false, withDefaults: Bool = false) {
        self.includeSecrets = includeSecrets
        self.withDefaults = withDefaults
    }

    /// Writes what lies inside `scope` (a path of the schema), relative to it: `show
    /// manage-system` starts at `distribution-services`. A whole list shows its entries; a
    /// leaf shows itself.
    public func render(_ config: some ConfigReader, under scope: ConfigPath = .root, to emit: (String) throws -> Void) throws {
        let node = config.schema.node(at: scope)
        let showsScopeItself = node?.isLeaf == true || (node?.isList == true && !scope.isEntry)
        let hiddenLevels = scope.steps.count - (showsScopeItself ? 1 : 0)
        try withoutActuallyEscaping(emit) { emit in
            let lines = TreeLines(includeSecrets: includeSecrets, hiddenLevels: hiddenLevels, emit: emit)
            var walker = ConfigWalker(visitor: lines, scope: scope, withDefaults: withDefaults)
            try walker.walk(config)
        }
    }
}

/// Turns walker events into outline lines. A path's level is its number of steps (a list
/// keyword and its key are one step), less the `hiddenLevels` above the scope, which are not shown.
private struct TreeLines: ConfigVisitor {
    let includeSecrets: Bool
    let hiddenLevels: Int
    let emit: (String) throws -> Void

    mutating func open(_ node: SchemaNode, at path: ConfigPath) throws {
        // A whole list has no heading of its own: each entry is one (`method m1`).
        guard let last = path.steps.last, !node.isList || last.key != nil else { return }
        try line(at: path, last.key.map { "\(last.keyword) \(Quoting.word($0))" } ?? last.keyword)
    }

    mutating func leaf(_ node: SchemaNode, _ spec: LeafSpec, at path: ConfigPath, value: String) throws {
        let shown = spec.type.isSecret && !includeSecrets ? SecretMask.text : Quoting.word(value)
        try line(at: path, "\(node.keyword) \(shown)")
    }

    func close(_ node: SchemaNode, at path: ConfigPath) throws {}

    private func line(at path: ConfigPath, _ text: String) throws {
        let level = path.steps.count - 1 - hiddenLevels
        guard level >= 0 else { return }
        try emit(String(repeating: "  ", count: level) + text)
    }
}
