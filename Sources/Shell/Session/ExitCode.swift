/// The exit codes of SPEC §7, the contract automation relies on.
public enum ExitCode: Int32, Sendable {
    case success = 0
    /// A command failed: syntax, unknown path, bad value.
    case commandFailed = 1
    /// Wrong command-line usage.
    case usage = 2
    /// Validation failed; nothing published.
    case invalid = 3
    /// Conflict with a concurrent publish; nothing published.
    case conflict = 4
    /// Store unavailable or damaged.
    case storeUnavailable = 5
    case interrupted = 130

    /// The short name `--json` documents carry.
    public var name: String {
        switch self {
        case .success: "ok"
        case .commandFailed: "command-failed"
        case .usage: "usage"
        case .invalid: "validation-failed"
        case .conflict: "conflict"
        case .storeUnavailable: "store-unavailable"
        case .interrupted: "interrupted"
        }
    }
}
