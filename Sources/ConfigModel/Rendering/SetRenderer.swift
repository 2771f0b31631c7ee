/// `display set` and `save`: the configuration as `set` commands, in schema order, one per
/// set leaf with its full path, so that running them on an empty configuration rebuilds it.
public struct SetRenderer: ConfigRenderer, Sendable {
    /// Whether secrets are written; otherwise each is a `# set … ********` comment line, so
    /// that running the output never overwrites a secret with the mask.
    public var includeSecrets: Bool

    public init(includeSecrets: Bool = false) {
        self.includeSecrets = includeSecrets
    }

    /// Writes the lines for what lies inside `scope` (a path of the schema), one call per line.
    public func render(_ config: some ConfigReader, under scope: ConfigPath = .root, to emit: (String) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            _ = try lines(config, under: scope, into: EmittedLines(emit))
        }
    }

    public func countLines(_ config: some ConfigReader, under scope: ConfigPath = .root) throws -> Int {
        try lines(config, under: scope, into: CountedLines()).count
    }

    private func lines<Output: LineOutput>(_ config: any ConfigReader, under scope: ConfigPath, into output: Output) throws -> Output {
        var walker = ConfigWalker(visitor: SetLines(includeSecrets: includeSecrets, output: output), scope: scope, withDefaults: false)
        try walker.walk(config)
        return output
    }
}

/// Turns walker events into lines. An entry needs a bare `set PATH-TO-ENTRY` line only when
/// no line inside it would create it: any `set` line creates every entry above it.
private struct SetLines<Output: LineOutput>: ConfigVisitor {
    let includeSecrets: Bool
    let output: Output
    /// The open entries, outermost first, and whether a line has created them yet.
    private var entries: [(path: ConfigPath, isCreated: Bool)] = []
    /// The last step of each open container's, list's and entry's path, outermost first.
    private var openSteps: [ConfigPath.Step] = []
    /// The words of the path up to each of `openSteps`, made as far as a line has needed
    /// them: a leaf's line costs one concatenation rather than quoting its whole path again,
    /// and lines that are only counted never make them.
    private var openWords: [String] = []

    init(includeSecrets: Bool, output: Output) {
        self.includeSecrets = includeSecrets
        self.output = output
    }

    mutating func open(_ node: SchemaNode, at path: ConfigPath) throws {
        let last = path.steps[path.steps.count - 1]
        if last.key != nil { entries.append((path, false)) }
        openSteps.append(last)
    }

    mutating func leaf(_ node: SchemaNode, _ spec: LeafSpec, at path: ConfigPath, value: String) throws {
        if spec.type.isSecret && !includeSecrets {
            // A comment creates nothing: create the entry first, so the lines stay in order.
            if let innermost = entries.last, !innermost.isCreated { try create(innermost.path) }
            try output.line("# set \(wordsOfOpenPath(then: node.keyword)) \(SecretMask.text)")
        } else {
            try output.line("set \(wordsOfOpenPath(then: node.keyword)) \(Quoting.word(value))")
            markCreated()
        }
    }

    mutating func close(_ node: SchemaNode, at path: ConfigPath) throws {
        if path.isEntry, let entry = entries.popLast(), !entry.isCreated { try create(entry.path) }
        openSteps.removeLast()
        if openWords.count > openSteps.count { openWords.removeLast() }
    }

    /// The words of the innermost open path, followed by `keyword`.
    private mutating func wordsOfOpenPath(then keyword: String) -> String {
        while openWords.count < openSteps.count {
            let step = openSteps[openWords.count]
            // An entry's list was opened just before it, with the keyword: the entry adds its key.
            let word = step.key.map(Quoting.word) ?? step.keyword
            openWords.append(openWords.last.map { $0 + " " + word } ?? word)
        }
        return openWords.last.map { $0 + " " + keyword } ?? keyword
    }

    private mutating func create(_ entry: ConfigPath) throws {
        try output.line("set " + entry.words.joined(separator: " "))
        markCreated()
    }

    private mutating func markCreated() {
        for index in entries.indices { entries[index].isCreated = true }
    }
}
