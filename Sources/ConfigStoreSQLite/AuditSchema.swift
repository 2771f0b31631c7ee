import GRDB

/// The audit trail's table (SPEC §12), added by format 2. One row per `AuditRecord`, times
/// in microseconds since 1970 (exact, as the hash needs them). Triggers refuse to change or
/// remove a row: nothing in dashell does, and a mistaken `DELETE` in `sqlite3` is stopped.
/// Whoever can write the file can drop them, as they can do anything to it: the hash chain
/// shows such a change, as long as a later record's hash is kept somewhere else.
enum AuditSchema {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE audit (
                    sequence INTEGER PRIMARY KEY, time INTEGER NOT NULL, user TEXT NOT NULL, login TEXT, host TEXT NOT NULL,
                    source TEXT NOT NULL, session_began INTEGER NOT NULL, action TEXT NOT NULL, revision INTEGER, request INTEGER,
                    outcome TEXT NOT NULL, detail TEXT, digest TEXT, previous TEXT, hash TEXT NOT NULL);
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its records are never changed'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its records are never removed'); END;
                """)
    }
}
