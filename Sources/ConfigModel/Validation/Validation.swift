/// A broken rule, about one path. Errors block publishing; warnings do not.
public struct Violation: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    /// The rule's id, `V1`, `V2` …
    public let rule: String
    public let severity: Severity
    public let path: ConfigPath
    /// Names the other path involved when the rule depends on another part of the tree.
    public let message: String

    public init(_ rule: String, _ severity: Severity, _ path: ConfigPath, _ message: String) {
        self.rule = rule
        self.severity = severity
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// What a rule looks at: the configuration as it would be published, and — when known —
/// the change that leads there from the published one, so that rules can confine
/// themselves to what changed and what depends on it.
public struct ValidationContext {
    public let config: any ConfigReader
    /// `nil` asks for the whole configuration to be checked.
    public let changes: ChangeSet?

    /// Decodes record keys for all rules of one validation.
    let decoder: RecordDecoder
    /// The change's records, decoded once; nil without a change.
    public let scope: ChangeScope?
    /// Who would publish the configuration, for rules about the publisher themselves (not
    /// to lock oneself out); nil when nobody in particular.
    public let publisher: String?

    public init(config: any ConfigReader, changes: ChangeSet?, publisher: String? = nil) {
        self.config = config
        self.changes = changes
        self.publisher = publisher
        let decoder = RecordDecoder(schema: config.schema)
        self.decoder = decoder
        scope = changes.map { ChangeScope($0, decoder) }
    }
}

/// One rule a configuration keeps to be published.
public protocol ValidationRule: Sendable {
    var id: String { get }
    func check(_ context: ValidationContext) throws -> [Violation]
}
