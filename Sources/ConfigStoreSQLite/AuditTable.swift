import ConfigStore
import Foundation
import GRDB

/// Reads and the append of the audit trail (see `AuditSchema`).
enum AuditTable {
    private static let columns =
        "sequence, time, user, login, host, source, session_began, action, revision, request, outcome, detail, digest, previous, hash"

    static func records(_ db: Database, after sequence: Int, limit: Int) throws -> [AuditRecord] {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM audit WHERE sequence > ? ORDER BY sequence LIMIT ?")
        return try Row.fetchAll(statement, arguments: [sequence, limit]).map(record)
    }

    static func latest(_ db: Database, limit: Int) throws -> [AuditRecord] {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM audit ORDER BY sequence DESC LIMIT ?")
        return try Row.fetchAll(statement, arguments: [limit]).map(record)
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

    private static func record(_ row: Row) -> AuditRecord {
        AuditRecord(
            sequence: row[0], time: row[1], user: row[2], login: row[3], host: row[4], source: row[5], sessionBegan: row[6], action: row[7],
            revision: row[8], request: row[9], outcome: row[10], detail: row[11], digest: row[12], previous: row[13], hash: row[14])
    }
}
