/// `display json` and `export --format json`: the configuration as one JSON object,
/// pretty-printed with two spaces, written line by line so that a million entries never sit
/// in memory. Containers are objects, lists are `"KEYWORD": {"KEY": {…}}`, leaves are JSON
/// scalars typed by the schema (numbers for ports and integers, `true`/`false` for booleans,
/// strings for the rest). `JSONImport` reads it back.
public struct JSONRenderer: Sendable {
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
            var walker = ConfigWalker(visitor: JSONLines(includeSecrets: includeSecrets, emit: emit), scope: scope, withDefaults: withDefaults)
            try walker.walk(config)
            try walker.visitor.finish()
        }
    }
}

/// Turns walker events into pretty-printed JSON. The last line is held back until the next
/// event says whether it needs a comma (another member follows) or can close at once (`{}`).
private struct JSONLines: ConfigVisitor {
    let includeSecrets: Bool
    let emit: (String) throws -> Void
    private var held = "{"
    /// Whether `held` opens an object (nothing inside it yet) rather than ends a member.
    private var heldOpensObject = true
    /// Objects currently open, the document's own included.
    private var depth = 1

    init(includeSecrets: Bool, emit: @escaping (String) throws -> Void) {
        self.includeSecrets = includeSecrets
        self.emit = emit
    }

    mutating func open(_ node: SchemaNode, at path: ConfigPath) throws {
        let name = path.isEntry ? path.steps[path.steps.count - 1].key! : node.keyword
        try hold(indentation + JSONText.quoted(name) + ": {", opensObject: true)
        depth += 1
    }

    mutating func leaf(_ node: SchemaNode, _ spec: LeafSpec, at path: ConfigPath, value: String) throws {
        try hold(indentation + JSONText.quoted(node.keyword) + ": " + scalar(value, of: spec.type), opensObject: false)
    }

    mutating func close(_ node: SchemaNode, at path: ConfigPath) throws {
        try closeObject()
    }

    /// Closes the document's own object and writes what is held.
    mutating func finish() throws {
        try closeObject()
        try emit(held)
    }

    private var indentation: String { String(repeating: "  ", count: depth) }

    private mutating func hold(_ line: String, opensObject: Bool) throws {
        try emit(heldOpensObject ? held : held + ",")
        held = line
        heldOpensObject = opensObject
    }

    private mutating func closeObject() throws {
        depth -= 1
        if heldOpensObject {
            held += "}"
        } else {
            try emit(held)
            held = indentation + "}"
        }
        heldOpensObject = false
    }

    private func scalar(_ value: String, of type: ValueType) -> String {
        if type.isSecret && !includeSecrets { return JSONText.quoted(SecretMask.text) }
        if type.isNumeric, Int(value) != nil { return value }
        if type == .boolean, value == "true" || value == "false" { return value }
        return JSONText.quoted(value)
    }
}
