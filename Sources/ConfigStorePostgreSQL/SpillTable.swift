import ConfigModel
import ConfigStore
import PostgreSQLClient

/// The spill areas of one connection (see `SpillArea`), in a temporary table: the session's
/// own, gone when it ends or the client dies, and outside the `dashell` schema, so that an
/// administrator writes it directly without any privilege on the store's tables.
enum SpillTable {
    static func makeArea(_ connection: PostgreSQLConnection) throws -> SpillArea {
        try connection.execute(
            """
            CREATE TEMPORARY TABLE IF NOT EXISTS spill (
                area integer NOT NULL, key text COLLATE "C" NOT NULL, base text, new text, PRIMARY KEY (area, key));
            CREATE TEMPORARY SEQUENCE IF NOT EXISTS spill_area
            """)
        guard let number = try connection.query("SELECT nextval('pg_temp.spill_area')").first?.integer(0) else {
            throw StoreError.failed(path: "spill", reason: "no spill area number")
        }
        return SpillArea(number: number)
    }

    /// Writes the edits a batch at a time, each an array per column, in one transaction.
    static func write(_ connection: PostgreSQLConnection, _ edits: [(key: RecordKey, edit: CandidateEdit?)], into area: SpillArea) throws {
        try connection.transaction(.readCommitted) {
            for start in stride(from: 0, to: edits.count, by: batch) {
                let slice = edits[start..<min(start + batch, edits.count)]
                let kept = slice.compactMap { key, edit in edit.map { (key, $0) } }
                try connection.query(
                    "DELETE FROM pg_temp.spill s USING unnest($2::text[]) AS d(key) WHERE s.area = $1 AND s.key = d.key COLLATE \"C\"",
                    [area.number, TextArray(slice.map(\.key.encoded))])
                try connection.query(
                    "INSERT INTO pg_temp.spill (area, key, base, new) SELECT $1, e.key, e.base, e.new FROM unnest($2::text[], $3::text[], $4::text[]) AS e(key, base, new)",
                    [area.number, TextArray(kept.map(\.0.encoded)), TextArray(kept.map { $0.1.base?.encoded }), TextArray(kept.map { $0.1.new?.encoded })])
            }
            return ((), commit: true)
        }
    }

    static let batch = 10_000

    static func drop(_ connection: PostgreSQLConnection, _ area: SpillArea) throws {
        try connection.query("DELETE FROM pg_temp.spill WHERE area = $1", [area.number])
    }

    /// Up to `limit` edits of `area` with keys in (`after`, `upper`), or [`after`, `upper`)
    /// when `orEqual`, in key order.
    static func fetchChunk(
        _ connection: PostgreSQLConnection, _ area: SpillArea, after: String, orEqual: Bool, upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        let sql =
            orEqual
            ? "SELECT key, base, new FROM pg_temp.spill WHERE area = $1 AND key >= $2 AND key < $3 ORDER BY key LIMIT $4"
            : "SELECT key, base, new FROM pg_temp.spill WHERE area = $1 AND key > $2 AND key < $3 ORDER BY key LIMIT $4"
        return try connection.query(sql, [area.number, after, upper, limit]).map { row in
            (RecordKey(encoded: row.string(0)!), CandidateEdit(base: row.string(1).map(Record.init(encoded:)), new: row.string(2).map(Record.init(encoded:))))
        }
    }
}
