/// One node of the configuration schema: a container, a list of keyed entries, or a leaf.
/// The schema is data; commands, completion, help, validation, rendering and storage read it.
public final class SchemaNode: Sendable {
    public enum Kind: Sendable {
        case container
        /// A list of entries; `keyName` describes the key (`name`, `user-id`), `keyType` says
        /// what it may hold.
        case list(keyName: String, keyType: ListKey)
        case leaf(LeafSpec)
    }

    /// The kebab-case word used in commands.
    public let keyword: String
    /// The label the product's administration screens show for this node; accepted in
    /// paths, in quotes.
    public let label: String
    /// One line for `?` and `help`.
    public let help: String
    public let kind: Kind
    /// Children in schema order (the order of the product's administration forms).
    public let children: [SchemaNode]
    /// A list's entries that exist without being stored (see `PredefinedEntry`).
    public let predefined: [PredefinedEntry]
    /// Whether the keyword is in ASCII lower case, and so its own lowercased form.
    private let keywordIsLowercaseASCII: Bool

    init(keyword: String, label: String, help: String, kind: Kind, children: [SchemaNode] = [], predefined: [PredefinedEntry] = []) {
        self.keyword = keyword
        self.label = label
        self.help = help
        self.kind = kind
        self.children = children
        self.predefined = predefined
        keywordIsLowercaseASCII = keyword.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    public var isList: Bool { if case .list = kind { true } else { false } }
    public var isLeaf: Bool { if case .leaf = kind { true } else { false } }
    public var isContainer: Bool { if case .container = kind { true } else { false } }

    public var leafSpec: LeafSpec? { if case .leaf(let spec) = kind { spec } else { nil } }

    public var keyName: String? { if case .list(let name, _) = kind { name } else { nil } }

    /// What the keys of this list may hold; nil for a container or a leaf.
    public var keyType: ListKey? { if case .list(_, let type) = kind { type } else { nil } }

    /// The child with exactly this keyword.
    public func child(_ keyword: String) -> SchemaNode? {
        children.first { $0.keyword == keyword }
    }

    /// The child whose keyword is `word`, byte for byte, when that keyword is in ASCII lower
    /// case: `word` is then its own lowercased form, and this is what `children(matching:)`
    /// finds first, found without lowercasing or allocating. (Equal byte counts rule out a
    /// canonically equivalent spelling, which would be longer in UTF-8.)
    public func exactChild(_ word: String) -> SchemaNode? {
        guard !word.isEmpty, let child = children.first(where: { $0.keyword == word }),
            child.keywordIsLowercaseASCII, child.keyword.utf8.count == word.utf8.count
        else { return nil }
        return child
    }

    /// Children whose keyword matches `word`: exact (case-insensitive) match first, then by
    /// unique prefix, then by Admin label. Returns every candidate when the word is ambiguous.
    public func children(matching word: String) -> [SchemaNode] {
        guard !word.isEmpty else { return [] }
        // A word in ASCII lower case is its own lowercased form: found without lowercasing.
        if let exact = exactChild(word) { return [exact] }
        let lowered = word.lowercased()
        if let exact = children.first(where: { $0.keyword == lowered }) { return [exact] }
        if let labelled = children.first(where: { $0.label.lowercased() == lowered }) { return [labelled] }
        return children.filter { $0.keyword.hasPrefix(lowered) }
    }

    /// The keywords from this node down to `node`, found by identity; nil when `node` is not
    /// below this one. A product names the places of its schema that its rules read by the
    /// nodes it declared, rather than by typing their keywords again.
    public func keywords(to node: SchemaNode) -> [String]? {
        for child in children {
            if child === node { return [child.keyword] }
            if let rest = child.keywords(to: node) { return [child.keyword] + rest }
        }
        return nil
    }
}

/// What a leaf holds and when it applies.
public struct LeafSpec: Sendable {
    public let type: ValueType
    /// The canonical default, which applies while the leaf is unset.
    public let defaultValue: String?
    /// V2: the leaf must be set.
    public let isMandatory: Bool
    /// V9: the value cannot change once published.
    public let isFixedOncePublished: Bool
    /// V6: conditions on sibling leaves under which setting this leaf makes sense.
    public let applicability: [Applicability]
    /// A copy of the entry gets ` (copy)` appended to this leaf's value: a name people tell
    /// the entries apart by, which a rule keeps unique (a method's display name, V4), so
    /// that the copy is valid until it is renamed.
    public let marksCopies: Bool

    public init(
        type: ValueType, defaultValue: String? = nil, isMandatory: Bool = false,
        isFixedOncePublished: Bool = false, applicability: [Applicability] = [], marksCopies: Bool = false
    ) {
        self.type = type
        self.defaultValue = defaultValue
        self.isMandatory = isMandatory
        self.isFixedOncePublished = isFixedOncePublished
        self.applicability = applicability
        self.marksCopies = marksCopies
    }
}

extension LeafSpec {
    /// Whether the leaf exists at all beside siblings whose effective values `sibling`
    /// gives: its structural (error-level) conditions hold. An unknown sibling value (unset,
    /// no default) fails nothing.
    public func applies(_ sibling: (String) -> String?) -> Bool {
        applicability.allSatisfy { condition in
            condition.level != .error || sibling(condition.leaf).map(condition.values.contains) ?? true
        }
    }
}

/// "Only when sibling `leaf` is one of `values`": an error when violated for a structural
/// condition (the method's type), a warning for an advisory one (`same-device`).
public struct Applicability: Sendable {
    public enum Level: Sendable { case error, warning }
    /// The sibling leaf, relative to the same record.
    public let leaf: String
    public let values: Set<String>
    public let level: Level

    public init(when leaf: String, in values: Set<String>, level: Level) {
        self.leaf = leaf
        self.values = values
        self.level = level
    }
}
