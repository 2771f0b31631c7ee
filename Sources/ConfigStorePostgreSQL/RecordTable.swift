import ConfigModel
import ConfigStore
import PostgreSQLClient

/// SQL over the published configuration, shared by every reader and by `pointRead`.
enum RecordTable {
    static func fetch(_ connection: PostgreSQLConnection, _ key: RecordKey) throws -> Record? {
        try connection.query("SELECT leaves FROM dashell.record WHERE key = $1", [key.encoded]).first?.string(0).map(Record.init(encoded:))
    }

    /// The record at `key` if there is one; otherwise the key of the next record, if any.
    /// One seek either way.
    static func fetchOrNextKey(_ connection: PostgreSQLConnection, _ key: RecordKey) throws -> (record: Record?, next: RecordKey?) {
        let rows = try connection.query("SELECT key, leaves FROM dashell.record WHERE key >= $1 ORDER BY key LIMIT 1", [key.encoded])
        guard let row = rows.first, let found = row.string(0).map(RecordKey.init(encoded:)) else { return (nil, nil) }
        return found == key ? (row.string(1).map(Record.init(encoded:)), nil) : (nil, found)
    }

    /// Up to `limit` records with keys in (`after`, `upper`), or [`after`, `upper`) when
    /// `orEqual`, in key order.
    static func fetchChunk(
        _ connection: PostgreSQLConnection, after: String, orEqual: Bool, upper: String, limit: Int
    ) throws -> [(RecordKey, Record)] {
        let sql =
            orEqual
            ? "SELECT key, leaves FROM dashell.record WHERE key >= $1 AND key < $2 ORDER BY key LIMIT $3"
            : "SELECT key, leaves FROM dashell.record WHERE key > $1 AND key < $2 ORDER BY key LIMIT $3"
        return try connection.query(sql, [after, upper, limit]).map { row in
            (RecordKey(encoded: row.string(0)!), Record(encoded: row.string(1)!))
        }
    }

    /// The same, keeping only records whose key or leaves contain `word` (ASCII, lower case),
    /// case ignored: a search scans the records on the server instead of decoding each in
    /// Swift. ILIKE folds at least ASCII case, so nothing that contains the word is left out.
    static func fetchChunk(
        _ connection: PostgreSQLConnection, after: String, orEqual: Bool, upper: String, limit: Int, containing word: String
    ) throws -> [(RecordKey, Record)] {
        let filter = "(key ILIKE $4 OR leaves ILIKE $4)"
        let sql =
            orEqual
            ? "SELECT key, leaves FROM dashell.record WHERE key >= $1 AND key < $2 AND \(filter) ORDER BY key LIMIT $3"
            : "SELECT key, leaves FROM dashell.record WHERE key > $1 AND key < $2 AND \(filter) ORDER BY key LIMIT $3"
        let pattern = likePattern(containing: word)
        return try connection.query(sql, [after, upper, limit, pattern]).map { row in
            (RecordKey(encoded: row.string(0)!), Record(encoded: row.string(1)!))
        }
    }

    /// Keys of the direct entries of the list whose descendants start at `listLower`, from
    /// `lower` on (inclusive) and below `upper`: the index answers, whatever the list's size.
    static func entryKeys(_ connection: PostgreSQLConnection, listLower: String, lower: String, upper: String, limit: Int) throws -> [String] {
        let sql = """
            SELECT substr(key, $3) FROM dashell.record WHERE key >= $1 AND key < $2 AND strpos(substr(key, $3), chr(31)) = 0
            ORDER BY key LIMIT $4
            """
        return try connection.query(sql, [lower, upper, listLower.unicodeScalars.count + 1, limit]).map { $0.string(0)! }
    }

    /// How many direct entries lie in [`lower`, `upper`), counting no further than `cap`.
    static func countEntries(_ connection: PostgreSQLConnection, listLower: String, lower: String, upper: String, cap: Int) throws -> Int {
        let sql = """
            SELECT count(*) FROM (
                SELECT FROM dashell.record WHERE key >= $1 AND key < $2 AND strpos(substr(key, $3), chr(31)) = 0 LIMIT $4) AS entries
            """
        return try connection.query(sql, [lower, upper, listLower.unicodeScalars.count + 1, cap]).first?.integer(0) ?? 0
    }

    static func referrers(_ connection: PostgreSQLConnection, of target: RecordKey) throws -> [Referrer] {
        try connection.query("SELECT source, leaf FROM dashell.reference WHERE target = $1 ORDER BY source, leaf", [target.encoded]).map { row in
            Referrer(record: RecordKey(encoded: row.string(0)!), leaf: row.string(1)!)
        }
    }

    static func latestRevision(_ connection: PostgreSQLConnection) throws -> Int {
        try connection.query("SELECT revision FROM dashell.head").first?.integer(0) ?? 0
    }
}
