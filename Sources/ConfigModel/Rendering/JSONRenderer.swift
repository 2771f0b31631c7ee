/// `display json` and `export --format json`: the configuration as one JSON object,
/// pretty-printed with two spaces, written line by line so that a million entries never sit
/// in memory. Containers are objects, lists are `"KEYWORD": {"KEY": {…}}`, leaves are JSON
/// scalars typed by the schema (numbers for ports and integers, `true`/`false` for booleans,
/// strings for the rest). `JSONImport` reads it back.
public struct JSONRenderer: ConfigRenderer, Sendable {
    /// Whether secrets are written; otherwise each shows as `"********"`.
    public var includeSecrets: Bool
    /// Whether unset leaves appear with their default, where the default applies (the
    /// `same-device` default only on personal-mobile methods, for instance).
    public var withDefaults: Bool

    public init(includeSecrets: Bool = false, withDefaults: Bool = false) {
        self.includeSecrets = includeSecrets
        self.withDefaults = withDefaults
    }

    /// Writes the document for what lies inside `scope` (a path of the schema), one call per
    /// line. The containers above the scope are kept, so that the document is still a whole
    /// configuration that `load` accepts.
    public func render(_ config: some ConfigReader, under scope: ConfigPath = .root, to emit: (String) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            _ = try lines(config, under: scope, into: EmittedLines(emit))
        }
    }

    public func countLines(_ config: some ConfigReader, under scope: ConfigPath = .root) throws -> Int {
        try lines(config, under: scope, into: CountedLines()).count
    }

    private func lines<Output: LineOutput>(_ config: any ConfigReader, under scope: ConfigPath, into output: Output) throws -> Output {
        var walker = ConfigWalker(visitor: JSONLines(includeSecrets: includeSecrets, output: output), scope: scope, withDefaults: withDefaults)
        try walker.walk(config)
        try walker.visitor.finish()
        return output
    }
}

/// Turns walker events into pretty-printed JSON. The last line is held back until the next
/// event says whether it needs a comma (another member follows) or can close at once (`{}`).
private struct JSONLines<Output: LineOutput>: ConfigVisitor {
    let includeSecrets: Bool
    let output: Output
    private var held = HeldLine(depth: 0, content: .object(name: nil))
    /// Objects currently open, the document's own included.
    private var depth = 1

    init(includeSecrets: Bool, output: Output) {
        self.includeSecrets = includeSecrets
        self.output = output
    }

    mutating func open(_ node: SchemaNode, at path: ConfigPath) throws {
        let name = path.isEntry ? path.steps[path.steps.count - 1].key! : node.keyword
        try hold(.object(name: name))
        depth += 1
    }

    mutating func leaf(_ node: SchemaNode, _ spec: LeafSpec, at path: ConfigPath, value: String) throws {
        try hold(.member(name: node.keyword, value: value, type: spec.type))
    }

    mutating func close(_ node: SchemaNode, at path: ConfigPath) throws {
        try closeObject()
    }

    /// Closes the document's own object and writes what is held.
    mutating func finish() throws {
        try closeObject()
        try output.line(text(of: held, comma: false))
    }

    private mutating func hold(_ content: HeldLine.Content) throws {
        try output.line(text(of: held, comma: !held.opensObject))
        held = HeldLine(depth: depth, content: content)
    }

    private mutating func closeObject() throws {
        depth -= 1
        if held.opensObject {
            held.isClosed = true
        } else {
            try output.line(text(of: held, comma: false))
            held = HeldLine(depth: depth, content: .end)
        }
    }

    private func text(of line: HeldLine, comma: Bool) -> String {
        var text = String(repeating: "  ", count: line.depth)
        switch line.content {
        case .object(let name?): text += JSONText.quoted(name) + ": {"
        case .object(nil): text += "{"
        case .member(let name, let value, let type): text += JSONText.quoted(name) + ": " + JSONLeaf.scalar(value, of: type, includeSecrets: includeSecrets)
        case .end: text += "}"
        }
        if line.isClosed { text += "}" }
        return comma ? text + "," : text
    }
}

/// The line `JSONLines` holds back, as what it says rather than as text, so that a line
/// only counted is never made.
private struct HeldLine {
    enum Content {
        /// `"name": {`, or the document's own `{`.
        case object(name: String?)
        /// `"name": value`.
        case member(name: String, value: String, type: ValueType)
        /// The `}` of an object that has members.
        case end
    }

    let depth: Int
    let content: Content
    /// An object closed with nothing in it: `{}` on its opening line.
    var isClosed = false

    /// Whether members may still follow on lines of their own.
    var opensObject: Bool {
        if case .object = content { !isClosed } else { false }
    }
}
