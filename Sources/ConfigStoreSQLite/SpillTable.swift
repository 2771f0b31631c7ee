import ConfigModel
import ConfigStore
import GRDB

/// The spill areas of one connection (see `SpillArea`), in a temporary table: private to
/// the connection, gone when it closes or the process dies, and outside the store's file,
/// so that spilling takes no lock another process waits for and syncs nothing to disk.
/// SQLite keeps a temporary table's pages in a small cache and the rest in a temporary
/// file, which is what bounds a large candidate's memory.
enum SpillTable {
    static func makeArea(_ db: Database) throws -> SpillArea {
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS spill (area INTEGER NOT NULL, key TEXT NOT NULL, base TEXT, new TEXT,
                                                       PRIMARY KEY (area, key)) WITHOUT ROWID
                """)
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS spill_area (number INTEGER PRIMARY KEY)")
        try db.execute(sql: "INSERT INTO spill_area DEFAULT VALUES")
        return SpillArea(number: Int(db.lastInsertedRowID))
    }

    /// Writes the edits in one transaction of the temporary database alone.
    static func write(_ db: Database, _ edits: [(key: RecordKey, edit: CandidateEdit?)], into area: SpillArea) throws {
        try db.inTransaction(.deferred) {
            let upsert = try TextStatement(db, sql: "INSERT OR REPLACE INTO spill (area, key, base, new) VALUES (?, ?, ?, ?)")
            let remove = try TextStatement(db, sql: "DELETE FROM spill WHERE area = ? AND key = ?")
            for (key, edit) in edits {
                if let edit {
                    try upsert.execute(integer: area.number, key.encoded, edit.base?.encoded, edit.new?.encoded)
                } else {
                    try remove.execute(integer: area.number, key.encoded)
                }
            }
            return .commit
        }
    }

    static func drop(_ db: Database, _ area: SpillArea) throws {
        try db.execute(sql: "DELETE FROM spill WHERE area = ?", arguments: [area.number])
        try db.execute(sql: "DELETE FROM spill_area WHERE number = ?", arguments: [area.number])
    }

    /// Up to `limit` edits of `area` with keys in (`after`, `upper`), or [`after`, `upper`)
    /// when `orEqual`, in key order.
    static func fetchChunk(
        _ db: Database, _ area: SpillArea, after: String, orEqual: Bool, upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        let sql =
            orEqual
            ? "SELECT key, base, new FROM spill WHERE area = ? AND key >= ? AND key < ? ORDER BY key LIMIT ?"
            : "SELECT key, base, new FROM spill WHERE area = ? AND key > ? AND key < ? ORDER BY key LIMIT ?"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [area.number, after, upper, limit])
        var edits: [(key: RecordKey, edit: CandidateEdit)] = []
        while let row = try rows.next() {
            let base: String? = row[1], new: String? = row[2]
            edits.append((RecordKey(encoded: row[0]), CandidateEdit(base: base.map(Record.init(encoded:)), new: new.map(Record.init(encoded:)))))
        }
        return edits
    }
}
