/// A location in the configuration: keywords from the root, where a list keyword may carry
/// the key of one entry (`authentication-methods method m1`). A list keyword without a key
/// names the whole list.
public struct ConfigPath: Hashable, Sendable, CustomStringConvertible {
    public struct Step: Hashable, Sendable {
        public let keyword: String
        public let key: String?

        public init(_ keyword: String, key: String? = nil) {
            self.keyword = keyword
            self.key = key
        }
    }

    public var steps: [Step]

    public init(_ steps: [Step] = []) {
        self.steps = steps
    }

    /// A path from keywords where each list keyword is followed by its key, as typed.
    /// Only for paths known to be valid (tests, the schema's own references).
    public init(schemaWords words: [String], schema: SchemaNode) {
        var steps: [Step] = []
        var node = schema
        var index = 0
        while index < words.count {
            guard let child = node.child(words[index]) else { preconditionFailure("no \(words[index]) in schema") }
            if child.isList, index + 1 < words.count {
                steps.append(Step(child.keyword, key: words[index + 1]))
                index += 2
            } else {
                steps.append(Step(child.keyword))
                index += 1
            }
            node = child
        }
        self.steps = steps
    }

    public static let root = ConfigPath()

    public var isRoot: Bool { steps.isEmpty }

    public var parent: ConfigPath { ConfigPath(Array(steps.dropLast())) }

    public func appending(_ keyword: String, key: String? = nil) -> ConfigPath {
        ConfigPath(steps + [Step(keyword, key: key)])
    }

    /// Whether a key of the path is a pattern (`user 'contractor-*'`), which names the
    /// existing entries it matches rather than one place.
    public var hasPattern: Bool {
        steps.contains { step in step.key.map(ListKey.isPattern) ?? false }
    }

    /// Whether `self` is `other` or lies inside it.
    public func isWithin(_ other: ConfigPath) -> Bool {
        guard steps.count >= other.steps.count else { return false }
        return zip(steps, other.steps).allSatisfy { mine, theirs in
            mine.keyword == theirs.keyword && (theirs.key == nil || mine.key == theirs.key)
        }
    }

    /// The words of the command language that name this path, keys quoted when needed.
    public var words: [String] {
        steps.flatMap { step in [step.keyword] + (step.key.map { [Quoting.word($0)] } ?? []) }
    }

    public var description: String { words.joined(separator: " ") }
}

extension SchemaNode {
    /// The schema node a path leads to, or nil when the path is not in the schema.
    public func node(at path: ConfigPath) -> SchemaNode? {
        var node = self
        for step in path.steps {
            guard let child = node.child(step.keyword) else { return nil }
            if step.key != nil, !child.isList { return nil }
            node = child
        }
        return node
    }
}
