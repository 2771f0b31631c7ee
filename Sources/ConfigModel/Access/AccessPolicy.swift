/// Who may change what (SPEC §11), as the product's delegated management defines it over the
/// published configuration. The store consults it at publish, the shell at every edit.
public protocol AccessPolicy: Sendable {
    /// What `user` may do, as `published` says.
    func permissions(of user: String, in published: any ConfigReader) throws -> any Permissions
}

/// What one user may do, as one published configuration says.
public protocol Permissions: Sendable {
    var user: String { get }
    /// Whether every change is allowed, so that none need be looked at: while nobody is an
    /// administrator (everyone then is), or for someone who may change everything.
    var allowsEverything: Bool { get }
    /// Why the user may not make `change`, or nil when they may.
    func refusal(of change: RecordChange, in schema: SchemaNode) -> AccessRefusal?
    /// Why the user may not do what `privilege` allows (`publish`, `view-logs`), or nil
    /// when they may.
    func refusal(toUse privilege: String) -> AccessRefusal?
    /// What `whoami` says of the user, line by line: administrator entry, role, privileges.
    var summary: [(label: String, value: String)] { get }
    /// Whether the user's publish goes to a second administrator as a change request:
    /// without the privilege to publish, or wherever approval is required.
    var publishesThroughRequests: Bool { get }
}

/// The policy of a store without administrators: everyone may do everything.
public struct UnrestrictedAccess: AccessPolicy, Permissions {
    public let user: String

    public init(user: String = "") { self.user = user }

    public func permissions(of user: String, in published: any ConfigReader) throws -> any Permissions { UnrestrictedAccess(user: user) }
    public var allowsEverything: Bool { true }
    public func refusal(of change: RecordChange, in schema: SchemaNode) -> AccessRefusal? { nil }
    public func refusal(toUse privilege: String) -> AccessRefusal? { nil }
    public var summary: [(label: String, value: String)] { [("administrator", "none yet: everyone may do everything")] }
    public var publishesThroughRequests: Bool { false }
}

/// Why something was refused: who, where, and the privilege that would allow it (exit 6).
public struct AccessRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public let user: String
    /// What was to change; nil for an action (`publish`).
    public let path: ConfigPath?
    /// The privilege (or role) that would allow it.
    public let needs: String
    /// Why the user lacks it: their role, or that they are not an administrator.
    public let because: String

    public init(user: String, path: ConfigPath?, needs: String, because: String) {
        self.user = user
        self.path = path
        self.needs = needs
        self.because = because
    }

    public var description: String {
        let place = path.map { "\($0): " } ?? ""
        return "permission denied: \(place)needs \(needs) (\(because))"
    }
}
