import GRDB

/// The tables of a store and their migrations. `PRAGMA user_version` carries the format
/// version so that an older dashell refuses a newer store instead of misreading it.
enum StoreSchema {
    static let formatVersion = 2

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // The published configuration, one row per record (see RecordKey).
            try db.execute(sql: "CREATE TABLE record (key TEXT PRIMARY KEY, leaves TEXT NOT NULL) WITHOUT ROWID")
            // Reverse index of references in the published configuration: who names `target`.
            try db.execute(
                sql: """
                    CREATE TABLE reference (target TEXT NOT NULL, source TEXT NOT NULL, leaf TEXT NOT NULL,
                                            PRIMARY KEY (target, source, leaf)) WITHOUT ROWID
                    """)
            try db.execute(
                sql: """
                    CREATE TABLE revision (id INTEGER PRIMARY KEY, user TEXT NOT NULL, time REAL NOT NULL,
                                           source TEXT NOT NULL, comment TEXT, changes INTEGER NOT NULL)
                    """)
            // Each revision as the records it changed; NULL is "absent".
            try db.execute(
                sql: """
                    CREATE TABLE change (revision INTEGER NOT NULL, key TEXT NOT NULL, old TEXT, new TEXT,
                                         PRIMARY KEY (revision, key)) WITHOUT ROWID
                    """)
            try db.execute(sql: "CREATE TABLE candidate (user TEXT PRIMARY KEY, base INTEGER NOT NULL) WITHOUT ROWID")
            // A candidate's edits: each touched record as first seen (`base`) and as edited (`new`).
            try db.execute(
                sql: """
                    CREATE TABLE candidate_record (user TEXT NOT NULL, key TEXT NOT NULL, base TEXT, new TEXT,
                                                   PRIMARY KEY (user, key)) WITHOUT ROWID
                    """)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        // Format 2 (SPEC v2): what administrators, change requests and the audit trail keep.
        migrator.registerMigration("v2") { db in
            try AuditSchema.create(db)
            try RequestTables.create(db)
            try ConfirmationSchema.create(db)
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        return migrator
    }
}
