import ConfigModel
import ConfigStore
import GRDB

/// SQL over the published configuration, shared by every reader and by publish. Range
/// reads come back in bounded chunks, so callers never iterate a live statement while
/// issuing others on the same connection.
enum RecordTable {
    static func fetch(_ db: Database, _ key: RecordKey) throws -> Record? {
        let statement = try db.cachedStatement(sql: "SELECT leaves FROM record WHERE key = ?")
        return try TextStatement.fetchText(db, statement, key.encoded).map(Record.init(encoded:))
    }

    /// The record at `key` if there is one; otherwise the key of the next record, if any.
    /// One seek either way.
    static func fetchOrNextKey(_ db: Database, _ key: RecordKey) throws -> (record: Record?, next: RecordKey?) {
        let statement = try db.cachedStatement(sql: "SELECT key, leaves FROM record WHERE key >= ? ORDER BY key LIMIT 1")
        guard let (found, leaves) = try TextStatement.fetchTexts(db, statement, key.encoded) else { return (nil, nil) }
        let foundKey = RecordKey(encoded: found)
        return foundKey == key ? (Record(encoded: leaves), nil) : (nil, foundKey)
    }

    /// Up to `limit` records with keys in (`after`, `upper`), or [`after`, `upper`) when
    /// `orEqual`, in key order.
    static func fetchChunk(_ db: Database, after: String, orEqual: Bool, upper: String, limit: Int) throws -> [(RecordKey, Record)] {
        let sql =
            orEqual
            ? "SELECT key, leaves FROM record WHERE key >= ? AND key < ? ORDER BY key LIMIT ?"
            : "SELECT key, leaves FROM record WHERE key > ? AND key < ? ORDER BY key LIMIT ?"
        let rows = try TextStatement.fetchTextPairs(db, db.cachedStatement(sql: sql), [after, upper], integer: limit)
        return rows.map { (RecordKey(encoded: $0.0), Record(encoded: $0.1)) }
    }

    /// The same, keeping only records whose key or leaves contain `word`, ASCII case
    /// ignored (SQLite's LIKE): a search scans the records in SQLite instead of decoding
    /// each in Swift.
    static func fetchChunk(
        _ db: Database, after: String, orEqual: Bool, upper: String, limit: Int, containing word: String
    ) throws -> [(RecordKey, Record)] {
        let filter = "(key LIKE ?3 ESCAPE '\\' OR leaves LIKE ?3 ESCAPE '\\')"
        let sql =
            orEqual
            ? "SELECT key, leaves FROM record WHERE key >= ?1 AND key < ?2 AND \(filter) ORDER BY key LIMIT ?4"
            : "SELECT key, leaves FROM record WHERE key > ?1 AND key < ?2 AND \(filter) ORDER BY key LIMIT ?4"
        let pattern = likePattern(containing: word)
        let rows = try TextStatement.fetchTextPairs(db, db.cachedStatement(sql: sql), [after, upper, pattern], integer: limit)
        return rows.map { (RecordKey(encoded: $0.0), Record(encoded: $0.1)) }
    }

    /// Keys of the direct entries of the list whose descendants start at `listLower`, from
    /// `lower` on (inclusive) and below `upper`: the index answers, whatever the list's size.
    static func entryKeys(_ db: Database, listLower: String, lower: String, upper: String, limit: Int) throws -> [String] {
        let statement = try db.cachedStatement(
            sql: "SELECT substr(key, ?) FROM record WHERE key >= ? AND key < ? AND key NOT GLOB ? ORDER BY key LIMIT ?")
        let start = listLower.unicodeScalars.count + 1
        return try String.fetchAll(statement, arguments: [start, lower, upper, descendantPattern(listLower), limit])
    }

    /// How many direct entries lie in [`lower`, `upper`), counting no further than `cap`.
    /// With `onlyEntries` (the list's entries hold no lists), every record in the range is
    /// an entry: the count is of the range, without a test of each key.
    static func countEntries(_ db: Database, listLower: String, lower: String, upper: String, cap: Int, onlyEntries: Bool) throws -> Int {
        // Stopping at a cap needs a subquery, which counting a whole list (`ls`) does without.
        let filter = onlyEntries ? "" : " AND key NOT GLOB ?"
        let sql =
            cap == .max
            ? "SELECT COUNT(*) FROM record WHERE key >= ? AND key < ?\(filter)"
            : "SELECT COUNT(*) FROM (SELECT 1 FROM record WHERE key >= ? AND key < ?\(filter) LIMIT ?)"
        var arguments: StatementArguments = [lower, upper]
        if !onlyEntries { arguments += [descendantPattern(listLower)] }
        if cap != .max { arguments += [cap] }
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    /// A GLOB matching the keys below the entries of the list whose descendants start at
    /// `listLower`: an entry's key has as many separators as `listLower`, a key below it more.
    /// The GLOB reads each key in place, where cutting the entry's key out with `substr` to
    /// look for a separator in it copied every key of the list.
    private static func descendantPattern(_ listLower: String) -> String {
        let separators = listLower.utf8.reduce(0) { $0 + ($1 == 0x1F ? 1 : 0) }
        return "*" + String(repeating: "\u{1F}*", count: separators + 1)
    }

    static func referrers(_ db: Database, of target: RecordKey) throws -> [Referrer] {
        let statement = try db.cachedStatement(sql: "SELECT source, leaf FROM reference WHERE target = ? ORDER BY source, leaf")
        return try Row.fetchAll(statement, arguments: [target.encoded]).map {
            Referrer(record: RecordKey(encoded: $0[0]), leaf: $0[1])
        }
    }

    static func latestRevision(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT MAX(id) FROM revision") ?? 0
    }
}
