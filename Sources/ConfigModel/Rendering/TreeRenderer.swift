/// `show` and `display tree`: the configuration as an indented outline, two spaces per
/// level, without braces. Containers and list entries (`method m1`) are headings, leaves are
/// `keyword value` lines; values and keys are quoted as the command language would read them,
/// so that a line with a space in its value stays unambiguous.
public struct TreeRenderer: ConfigRenderer, Sendable {
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
        try withoutActuallyEscaping(emit) { emit in
            _ = try lines(config, under: scope, into: EmittedLines(emit))
        }
    }

    public func countLines(_ config: some ConfigReader, under scope: ConfigPath = .root) throws -> Int {
        try lines(config, under: scope, into: CountedLines()).count
    }

    private func lines<Output: LineOutput>(_ config: any ConfigReader, under scope: ConfigPath, into output: Output) throws -> Output {
        let node = config.schema.node(at: scope)
        let showsScopeItself = node?.isLeaf == true || (node?.isList == true && !scope.isEntry)
        let hiddenLevels = scope.steps.count - (showsScopeItself ? 1 : 0)
        let lines = TreeLines(includeSecrets: includeSecrets, hiddenLevels: hiddenLevels, output: output)
        var walker = ConfigWalker(visitor: lines, scope: scope, withDefaults: withDefaults)
        try walker.walk(config)
        return output
    }
}

/// Turns walker events into outline lines. A path's level is its number of steps (a list
/// keyword and its key are one step), less the `hiddenLevels` above the scope, which are not shown.
private struct TreeLines<Output: LineOutput>: ConfigVisitor {
    let includeSecrets: Bool
    let hiddenLevels: Int
    let output: Output

    func open(_ node: SchemaNode, at path: ConfigPath) throws {
        // A whole list has no heading of its own: each entry is one (`method m1`).
        guard let last = path.steps.last, !node.isList || last.key != nil else { return }
        try line(at: path, last.key.map { "\(last.keyword) \(Quoting.word($0))" } ?? last.keyword)
    }

    func leaf(_ node: SchemaNode, _ spec: LeafSpec, at path: ConfigPath, value: String) throws {
        try line(at: path, "\(node.keyword) \(spec.type.isSecret && !includeSecrets ? SecretMask.text : Quoting.word(value))")
    }

    func close(_ node: SchemaNode, at path: ConfigPath) throws {}

    private func line(at path: ConfigPath, _ text: @autoclosure () -> String) throws {
        let level = path.steps.count - 1 - hiddenLevels
        guard level >= 0 else { return }
        try output.line(String(repeating: "  ", count: level) + text())
    }
}
