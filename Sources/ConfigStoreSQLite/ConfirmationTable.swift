import ConfigStore
import Foundation
import GRDB

/// Rows of the `confirmation` table (see `ConfirmationSchema`). The store's clock is this
/// process's: whoever opens the file judges the deadline.
enum ConfirmationTable {
    private static let columns = "revision, user, deadline, restores, failure"

    static func all(_ db: Database) throws -> [PendingConfirmation] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM confirmation ORDER BY deadline").map(confirmation)
    }

    static func overdue(_ db: Database) throws -> PendingConfirmation? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM confirmation WHERE failure IS NULL AND deadline <= ? ORDER BY deadline LIMIT 1"),
            arguments: [now]
        ).map(confirmation)
    }

    static func record(_ db: Database, revision: Int, user: String, restores: Int, within seconds: Double) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO confirmation (user, revision, deadline, restores, failure) VALUES (?, ?, ?, ?, NULL)",
            arguments: [user, revision, now + seconds, restores])
    }

    static func clear(_ db: Database, of user: String) throws -> PendingConfirmation? {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM confirmation WHERE user = ? AND (failure IS NOT NULL OR deadline > ?)"),
            arguments: [user, now])
        guard let row else { return nil }
        try db.execute(sql: "DELETE FROM confirmation WHERE user = ?", arguments: [user])
        return confirmation(row)
    }

    /// Only a confirmation that is due: one the clock has not reached is left as it is.
    static func settle(_ db: Database, _ confirmation: PendingConfirmation, failure: String?) throws {
        let due = "user = ? AND revision = ? AND failure IS NULL AND deadline <= ?"
        let row: StatementArguments = [confirmation.user, confirmation.revision, now]
        if let failure {
            try db.execute(sql: "UPDATE confirmation SET failure = ? WHERE \(due)", arguments: [failure] + row)
        } else {
            try db.execute(sql: "DELETE FROM confirmation WHERE \(due)", arguments: row)
        }
    }

    private static var now: Double { Date().timeIntervalSince1970 }

    private static func confirmation(_ row: Row) -> PendingConfirmation {
        PendingConfirmation(revision: row[0], user: row[1], deadline: row[2], restores: row[3], failure: row[4])
    }
}

extension SQLiteAccess {
    func pendingConfirmations() throws -> [PendingConfirmation] { try ConfirmationTable.all(db) }

    func overdueConfirmation() throws -> PendingConfirmation? { try ConfirmationTable.overdue(db) }

    func recordConfirmation(of revision: Int, by user: String, restores: Int, within seconds: Double) throws {
        try ConfirmationTable.record(db, revision: revision, user: user, restores: restores, within: seconds)
    }

    func clearConfirmation(of user: String) throws -> PendingConfirmation? { try ConfirmationTable.clear(db, of: user) }

    func settleConfirmation(_ confirmation: PendingConfirmation, failure: String?) throws {
        try ConfirmationTable.settle(db, confirmation, failure: failure)
    }
}

extension SQLiteStorage {
    public func pendingConfirmations() throws -> [PendingConfirmation] { try read { try ConfirmationTable.all($0) } }

    public func overdueConfirmation() throws -> PendingConfirmation? { try read { try ConfirmationTable.overdue($0) } }
}
