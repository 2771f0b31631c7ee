import GRDB

/// The table of change requests (format 2). A request's edits are a persisted candidate
/// (`ChangeRequest.owner`); this row says who submitted them, on which revision, their
/// digest, and how the request was closed: `revision` and `closed_by` of an approved one
/// are the revision it became and its approver, which `history` shows beside the author.
enum RequestTables {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE change_request (
                    id INTEGER PRIMARY KEY, author TEXT NOT NULL, time REAL NOT NULL, base INTEGER NOT NULL,
                    changes INTEGER NOT NULL, comment TEXT, digest TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'approved', 'rejected')),
                    closed_by TEXT, revision INTEGER UNIQUE)
                """)
        // When each candidate last changed, for `status` to list who is editing.
        try db.execute(sql: "ALTER TABLE candidate ADD COLUMN edited REAL")
    }
}
