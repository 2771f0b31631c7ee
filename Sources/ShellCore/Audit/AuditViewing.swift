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
