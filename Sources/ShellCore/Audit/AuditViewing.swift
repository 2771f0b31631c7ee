import ConfigModel
import ConfigStore
import Foundation

/// `show audit [N]`: the last N records of the audit trail (default 20), newest first, for
/// those with `view-logs`.
enum AuditViewing {
    static let defaultCount = 20

    static func show(_ invocation: Invocation, _ arguments: ArraySlice<Word>) throws {
        if let extra = arguments.dropFirst().first { throw CommandError("show audit takes at most a number: unexpected '\(extra.text.excerpt)'", at: extra) }
        let count = try arguments.first.map { try invocation.number($0, what: "the number of audit records") } ?? defaultCount
        let session = invocation.session
        if let refusal = try session.refreshPermissions().refusal(toUse: AuditTrail.viewLogs) { throw refusal }
        let records = try session.store.latestAuditRecords(count)
        invocation.data = .array(records.map(json))
        for record in records { invocation.print(line(record)) }
    }

    /// `SEQ  TIME  USER  HOST  SOURCE  ACTION [revision N] [request N]  OUTCOME  [sha256:…]  ["DETAIL"]`,
    /// the time to the second, the login name after the user where it differs.
    static func line(_ record: AuditRecord) -> String {
        var user = record.user
        if let login = record.login, login != record.user { user += " (login \(login))" }
        var action = record.action
        if let revision = record.revision { action += " revision \(revision)" }
        if let request = record.request { action += " request \(request)" }
        var fields = [
            String(record.sequence), Viewing.timestamp(Double(record.time) / 1_000_000), user, record.host, record.source, action, record.outcome,
        ]
        if let digest = record.digest { fields.append("sha256:" + digest.prefix(12)) }
        if let detail = record.detail { fields.append(ConfigModelQuoting.word(detail)) }
        return fields.joined(separator: "  ")
    }

    /// Every field, times to the microsecond: enough to compute the record's hash again.
    static func json(_ record: AuditRecord) -> JSONOut {
        .object([
            ("sequence", .number(record.sequence)), ("time", .string(AuditTime.iso8601(record.time))), ("user", .string(record.user)),
            ("login", .optional(record.login)), ("host", .string(record.host)), ("source", .string(record.source)),
            ("session-began", .string(AuditTime.iso8601(record.sessionBegan))), ("action", .string(record.action)),
            ("revision", record.revision.map(JSONOut.number) ?? .null), ("request", record.request.map(JSONOut.number) ?? .null),
            ("outcome", .string(record.outcome)), ("detail", .optional(record.detail)), ("digest", .optional(record.digest)),
            ("previous", .optional(record.previous)), ("hash", .string(record.hash)),
        ])
    }
}

/// `dashell audit verify` (SPEC §12): for those with `view-logs`, reads the whole audit trail
/// and computes its hash chain again. Exit 0 saying how many records matched and the last
/// hash (worth keeping elsewhere: it shows later that nothing up to it was changed or
/// removed); exit 5 naming the first record that does not match; exit 6, recorded, without
/// the privilege.
public struct AuditVerifier {
    let store: any ConfigStore
    let user: String
    let json: Bool
    let console: any Console

    public init(store: any ConfigStore, user: String, json: Bool, console: any Console) {
        self.store = store
        self.user = user
        self.json = json
        self.console = console
    }

    public func run() -> ExitCode {
        do {
            if let refusal = try store.permissions(of: user).refusal(toUse: AuditTrail.viewLogs) {
                let failure = CommandError.from(refusal)
                let warning = AuditTrail.recordRefusal(failure.message, action: .auditVerify, user: user, source: AuditAction.auditVerify.rawValue, in: store)
                if let warning { console.err("warning: \(warning)") }
                return fail(failure)
            }
            let verification = try store.verifyAudit()
            if let mismatch = verification.mismatch {
                let before = verification.verified == 0 ? "" : " (records 1 to \(verification.verified) match)"
                return fail(
                    CommandError("\(mismatch)\(before); the trail was changed after it was written", code: .storeUnavailable), record: mismatch.sequence)
            }
            let hash = verification.lastHash.map { "; the last hash is \($0)" } ?? ""
            let message = "audit trail verified: \(verification.verified) record\(verification.verified == 1 ? "" : "s")\(hash)"
            if json {
                let result = JSONOut.object([("records", .number(verification.verified)), ("last-hash", .optional(verification.lastHash))])
                console.out(
                    JSONOut.object([("ok", .bool(true)), ("command", .string("audit verify")), ("result", result), ("output", .array([.string(message)]))])
                        .serialized)
            } else {
                console.out(message)
            }
            return .success
        } catch {
            return fail(CommandError.from(error))
        }
    }

    /// `record`: the first record that does not match, which the `--json` error names.
    private func fail(_ failure: CommandError, record: Int? = nil) -> ExitCode {
        if json {
            var error: [(String, JSONOut)] = [
                ("message", .string(failure.message)), ("code", .number(Int(failure.code.rawValue))), ("name", .string(failure.code.name)),
            ]
            if let record { error.append(("record", .number(record))) }
            console.out(JSONOut.object([("ok", .bool(false)), ("error", .object(error))]).serialized)
        }
        console.err("dashell: error: \(failure.message)")
        return failure.code
    }
}
