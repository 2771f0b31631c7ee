/// The exit codes of SPEC §7, the contract automation relies on.
public enum ExitCode: Int32, Sendable, CaseIterable {
    case success = 0
    case commandFailed = 1
    case usage = 2
    case invalid = 3
    case conflict = 4
    case storeUnavailable = 5
    case permissionDenied = 6
    case interrupted = 130

    /// What the code tells a script, as the manual's EXIT STATUS lists it.
    public var meaning: String {
        switch self {
        case .success: "success (warnings may have been printed)"
        case .commandFailed: "a command failed: syntax, unknown path, bad value"
        case .usage: "wrong command-line usage"
        case .invalid: "validation failed; nothing published"
        case .conflict: "conflict with a concurrent publish; nothing published"
        case .storeUnavailable: "store unavailable or damaged (the message says how to recover)"
        case .permissionDenied: "permission denied: not an administrator, or a privilege missing; nothing changed"
        case .interrupted: "interrupted"
        }
    }

    /// The short name `--json` documents carry.
    public var name: String {
        switch self {
        case .success: "ok"
        case .commandFailed: "command-failed"
        case .usage: "usage"
        case .invalid: "validation-failed"
        case .conflict: "conflict"
        case .storeUnavailable: "store-unavailable"
        case .permissionDenied: "permission-denied"
        case .interrupted: "interrupted"
        }
    }
}
