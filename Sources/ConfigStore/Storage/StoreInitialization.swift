/// What `store init` did to a store: what it prints and what the audit trail records.
public enum StoreInitialization: Equatable, Sendable {
    /// Made a new store of format `format`.
    case created(format: Int)
    /// Brought a store of an older format to the current one.
    case upgraded(from: Int, to: Int)
    /// Found a current store, and left it as it was.
    case unchanged(format: Int)

    /// What became of a store found at format `found` (0: none) by a dashell of format
    /// `current`.
    public init(found: Int, current: Int) {
        self = found == 0 ? .created(format: current) : found < current ? .upgraded(from: found, to: current) : .unchanged(format: current)
    }

    public var outcome: AuditOutcome {
        switch self {
        case .created: .created
        case .upgraded: .upgraded
        case .unchanged: .unchanged
        }
    }

    /// The audit record's detail.
    public var detail: String {
        switch self {
        case .created(let format), .unchanged(let format): "format \(format)"
        case .upgraded(let from, let to): "format \(from) to \(to)"
        }
    }

    /// The audit record of it, by `user` (whom a PostgreSQL server replaces by the role it
    /// authenticated).
    public func auditEvent(user: String) -> AuditEvent {
        AuditEvent(action: .storeInit, user: user, source: AuditAction.storeInit.rawValue, outcome: outcome, detail: detail)
    }
}
