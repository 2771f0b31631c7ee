import Foundation

/// What an audit record says was done (SPEC §12): `publish`, `store init`, or, for a
/// refusal, the command that was refused (`set`, `show`, `audit verify`, …). Open to more:
/// change requests and auto-revert add their own (`extension AuditAction { static let … }`).
public struct AuditAction: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static let publish: AuditAction = "publish"
    public static let storeInit: AuditAction = "store init"
    public static let auditVerify: AuditAction = "audit verify"
    /// A session refused before it began: on PostgreSQL a `--user` other than the role the
    /// server authenticated.
    public static let connect: AuditAction = "connect"
    /// Change requests (SPEC §12): submitted by `publish`, published by `approve`, closed by
    /// `reject`.
    public static let submit: AuditAction = "submit"
    public static let approve: AuditAction = "approve"
    public static let reject: AuditAction = "reject"
}

/// How it ended: open to more, as `AuditAction`.
public struct AuditOutcome: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static let published: AuditOutcome = "published"
    /// A change request opened, or closed unpublished.
    public static let submitted: AuditOutcome = "submitted"
    public static let rejected: AuditOutcome = "rejected"
    /// Permission denied (exit 6); the record's detail says why.
    public static let refused: AuditOutcome = "refused"
    /// `store init` made a new store, brought an older one to the current format, or found
    /// it current.
    public static let created: AuditOutcome = "created"
    public static let upgraded: AuditOutcome = "upgraded"
    public static let unchanged: AuditOutcome = "unchanged"
}

/// The dashell process behind an audit record: the operating system's login name, the host,
/// and when the process (the interactive shell, or the run of scripts) began. Facts of the
/// process, the same for every record it writes; on PostgreSQL they are what the client
/// says (the identity there is the server's own).
public struct AuditSession: Equatable, Sendable {
    /// The login name of the process's real user id (not `$USER`, which anyone can set),
    /// recorded beside `--user`; nil when it has none.
    public var login: String?
    public var host: String
    /// Microseconds since 1970, UTC.
    public var began: Int64

    public init(login: String?, host: String, began: Int64) {
        self.login = login
        self.host = host
        self.began = began
    }

    /// This process's.
    public static let process = AuditSession(login: loginName(), host: hostName(), began: processStart() ?? AuditTime.now())

    private static func loginName() -> String? {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func hostName() -> String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "unknown" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// When this process started, from Linux's `/proc`: field 22 of `/proc/self/stat` (clock
    /// ticks after boot) and `btime` of `/proc/stat` (boot, in seconds since 1970). Read only
    /// when the first record is written, never at start-up.
    private static func processStart() -> Int64? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let system = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // The command name, in parentheses, may hold blanks: count fields after it (field 3 on).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Int64(fields[19]),
            let boot = system.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }).flatMap({ Int64($0.dropFirst(6)) })
        else { return nil }
        let perSecond = Int64(sysconf(Int32(_SC_CLK_TCK)))
        guard perSecond > 0 else { return nil }
        return boot * 1_000_000 + ticks * 1_000_000 / perSecond
    }
}

/// Times in the audit trail: whole microseconds since 1970, UTC, exact in both stores and
/// in the hashed encoding.
public enum AuditTime {
    public static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }

    /// `2025-01-31T09:00:00.123456Z`: every digit kept, so that the JSON of a record is
    /// enough to recompute its hash.
    public static func iso8601(_ microseconds: Int64) -> String {
        let seconds = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        let (whole, fraction) = seconds.remainder < 0 ? (seconds.quotient - 1, seconds.remainder + 1_000_000) : seconds
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let text = formatter.string(from: Date(timeIntervalSince1970: Double(whole)))
        let digits = String(fraction)
        return text.dropLast() + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }
}

/// Something to append to the audit trail: what was done, by whom, from where, with what
/// outcome. The storage adds the sequence number, the time and the hash chain
/// (`StorageTransaction.appendAudit`), the one way in.
public struct AuditEvent: Equatable, Sendable {
    public var action: AuditAction
    /// Who did it: `--user` or the login name on SQLite. On PostgreSQL the server records the
    /// role it authenticated instead, whatever this says.
    public var user: String
    /// `interactive`, `script FILE`, `-c`, `stdin`, or the subcommand (`store init`).
    public var source: String
    public var session: AuditSession
    public var revision: Int?
    public var request: Int?
    public var outcome: AuditOutcome
    /// Why, for a refusal (the message the user saw); what changed, for `store init`.
    public var detail: String?
    /// The SHA-256 of the change set concerned (see `ChangeSetDigest`).
    public var digest: String?

    public init(
        action: AuditAction, user: String, source: String, session: AuditSession = .process, revision: Int? = nil, request: Int? = nil,
        outcome: AuditOutcome, detail: String? = nil, digest: String? = nil
    ) {
        self.action = action
        self.user = user
        self.source = source
        self.session = session
        self.revision = revision
        self.request = request
        self.outcome = outcome
        self.detail = detail
        self.digest = digest
    }
}

extension AuditEvent {
    /// The record of revision `revision`, published as `metadata` says, changing what
    /// `digest` hashes (`ChangeSet.digest`).
    /// An approved request's is its approver's, naming the request.
    public static func published(_ revision: Int, _ metadata: PublishMetadata, digest: String) -> AuditEvent {
        AuditEvent(
            action: metadata.request == nil ? .publish : .approve, user: metadata.approver ?? metadata.user,
            source: metadata.approvedFrom ?? metadata.source,
            revision: revision, request: metadata.request, outcome: .published, digest: digest)
    }
}
