import ConfigStore
import Foundation
import GRDB

/// Reads and the append of the audit trail (see `AuditSchema`).
enum AuditTable {
    private static let columns =
        "sequence, time, user, login, host, source, session_began, action, revision, request, outcome, detail, digest, previous, hash"

    static func records(_ db: Database, after sequence: Int, limit: Int) throws -> [AuditRecord] {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM audit WHERE sequence > ? ORDER BY sequence LIMIT ?")
        return try TextStatement.fetchRows(db, statement, integers: [sequence, limit], record)
    }

    static func latest(_ db: Database, limit: Int) throws -> [AuditRecord] {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM audit ORDER BY sequence DESC LIMIT ?")
        return try TextStatement.fetchRows(db, statement, integers: [limit], record)
    }

    /// Inside a write transaction, which holds the whole store: no other append can come
    /// between reading the last record and writing the next.
    static func append(_ db: Database, _ event: AuditEvent) throws {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1"))
        let record = AuditRecord(appending: event, after: last.map { (sequence: $0[0], hash: $0[1]) }, time: AuditTime.now())
        try db.cachedStatement(sql: "INSERT INTO audit (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").execute(
            arguments: [
                record.sequence, record.time, record.user, record.login, record.host, record.source, record.sessionBegan, record.action,
                record.revision, record.request, record.outcome, record.detail, record.digest, record.previous, record.hash,
            ])
    }

    /// The columns are NOT NULL where the record's fields are not optional; should a
    /// changed file hold a NULL there all the same, the record reads with an empty field,
    /// which `audit verify` then finds does not match.
    private static func record(_ row: TextStatement.Columns) -> AuditRecord {
        AuditRecord(
            sequence: row.integer(0) ?? 0, time: Int64(row.integer(1) ?? 0), user: row.text(2) ?? "", login: row.text(3), host: row.text(4) ?? "",
            source: row.text(5) ?? "", sessionBegan: Int64(row.integer(6) ?? 0), action: row.text(7) ?? "", revision: row.integer(8),
            request: row.integer(9), outcome: row.text(10) ?? "", detail: row.text(11), digest: row.text(12), previous: row.text(13),
            hash: row.text(14) ?? "")
    }
}
