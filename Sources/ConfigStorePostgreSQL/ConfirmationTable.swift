import ConfigStore
import PostgreSQLClient

/// Reads of the `confirmation` table, and its writes through the server functions (see
/// `ConfirmationSchema`).
enum ConfirmationTable {
    static func all(_ connection: PostgreSQLConnection) throws -> [PendingConfirmation] {
        try connection.query("SELECT \(ConfirmationSchema.columns) FROM dashell.confirmation ORDER BY deadline").map(confirmation)
    }

    static func overdue(_ connection: PostgreSQLConnection) throws -> PendingConfirmation? {
        let sql = """
            SELECT \(ConfirmationSchema.columns) FROM dashell.confirmation
            WHERE failure IS NULL AND deadline <= clock_timestamp() ORDER BY deadline LIMIT 1
            """
        return try connection.query(sql).first.map(confirmation)
    }

    static func confirmation(_ row: QueryResult.Row) -> PendingConfirmation {
        PendingConfirmation(revision: row.integer(0)!, user: row.string(1)!, deadline: row.double(2)!, restores: row.integer(3)!, failure: row.string(4))
    }
}

extension PostgreSQLAccess {
    func pendingConfirmations() throws -> [PendingConfirmation] {
        try reading()
        return try ConfirmationTable.all(connection)
    }

    func overdueConfirmation() throws -> PendingConfirmation? {
        try reading()
        return try ConfirmationTable.overdue(connection)
    }

    func recordConfirmation(of revision: Int, by user: String, restores: Int, within seconds: Double) throws {
        try connection.query("SELECT dashell.record_confirmation($1, $2, $3, $4::float8)", [revision, user, restores, "\(seconds)"])
    }

    func clearConfirmation(of user: String) throws -> PendingConfirmation? {
        try connection.query("SELECT * FROM dashell.clear_confirmation($1)", [user]).first.map(ConfirmationTable.confirmation)
    }

    func settleConfirmation(_ confirmation: PendingConfirmation, failure: String?) throws {
        try connection.query("SELECT dashell.settle_confirmation($1, $2, $3)", [confirmation.user, confirmation.revision, failure])
    }
}

extension PostgreSQLStorage {
    public func pendingConfirmations() throws -> [PendingConfirmation] { try read { try $0.pendingConfirmations() } }

    public func overdueConfirmation() throws -> PendingConfirmation? { try read { try $0.overdueConfirmation() } }
}
