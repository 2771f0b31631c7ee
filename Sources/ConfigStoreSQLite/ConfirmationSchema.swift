import GRDB

/// The table of confirmed publishes awaiting `confirm` (see `PendingConfirmation`): one row
/// per administrator, kept until confirmed, reverted, or cleared after a failed revert.
enum ConfirmationSchema {
    /// Part of format version 2.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE confirmation (user TEXT PRIMARY KEY, revision INTEGER NOT NULL, deadline REAL NOT NULL,
                                           restores INTEGER NOT NULL, failure TEXT) WITHOUT ROWID
                """)
        // Every command asks for the soonest deadline still to revert: one step of this index.
        try db.execute(sql: "CREATE INDEX confirmation_due ON confirmation (deadline) WHERE failure IS NULL")
    }
}
