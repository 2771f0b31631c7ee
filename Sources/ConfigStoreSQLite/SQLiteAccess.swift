import ConfigModel
import ConfigStore
import GRDB

/// The storage on one connection: reads at the head (one statement at a time), in a
/// snapshot, or inside a write transaction, which alone is handed out as one that may also
/// write (see `SQLiteAccess+Writes`).
struct SQLiteAccess: StorageReads {
    let db: Database

    func latestRevision() throws -> Int {
        try RecordTable.latestRevision(db)
    }

    func record(_ key: RecordKey) throws -> Record? {
        try RecordTable.fetch(db, key)
    }

    func records(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(RecordKey, Record)] {
        try RecordTable.fetchChunk(db, after: lower, orEqual: inclusive, upper: upper, limit: limit)
    }

    func records(after lower: String, inclusive: Bool, below upper: String, limit: Int, possiblyContaining word: String) throws -> [(RecordKey, Record)] {
        try RecordTable.fetchChunk(db, after: lower, orEqual: inclusive, upper: upper, limit: limit, containing: word)
    }

    func entryKeys(_ range: EntryRange, limit: Int) throws -> [String] {
        try RecordTable.entryKeys(db, listLower: range.listLower, lower: range.lower, upper: range.upper, limit: limit)
    }

    func countEntries(_ range: EntryRange, cap: Int) throws -> Int {
        try RecordTable.countEntries(db, listLower: range.listLower, lower: range.lower, upper: range.upper, cap: cap, onlyEntries: range.holdsOnlyEntries)
    }

    func referrers(of target: RecordKey) throws -> [Referrer] {
        try RecordTable.referrers(db, of: target)
    }

    func forEachChange(
        after: Int, upTo: Int?, under scope: RecordKey?, newestFirst: Bool,
        _ body: (LoggedChange) throws -> Bool
    ) throws {
        var sql = "SELECT revision, key, old, new FROM change WHERE revision > ?"
        var arguments: StatementArguments = [after]
        if let upTo {
            sql += " AND revision <= ?"
            arguments += [upTo]
        }
        if let scope {
            sql += " AND key >= ? AND key < ?"
            arguments += [scope.encoded, scope.descendantsUpperBound]
        }
        sql += newestFirst ? " ORDER BY revision DESC" : " ORDER BY revision"
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let key = RecordKey(encoded: row[1])
            if let scope, key != scope, !key.isDescendant(of: scope) { continue }
            let old: String? = row[2], new: String? = row[3]
            let change = LoggedChange(revision: row[0], key: key, old: old.map(Record.init(encoded:)), new: new.map(Record.init(encoded:)))
            guard try body(change) else { return }
        }
    }

    func changes(of revision: Int, after key: RecordKey?, limit: Int) throws -> [LoggedChange] {
        // From the first key on, `>=` the least key there is: one range of the primary key.
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT key, old, new FROM change WHERE revision = ? AND key \(key == nil ? ">=" : ">") ? ORDER BY key LIMIT ?"),
            arguments: [revision, key?.encoded ?? "", limit])
        return rows.map { row in
            let old: String? = row[1], new: String? = row[2]
            return LoggedChange(revision: revision, key: RecordKey(encoded: row[0]), old: old.map(Record.init(encoded:)), new: new.map(Record.init(encoded:)))
        }
    }

    /// A revision with its approver: the request it was published from names them.
    private static let revisionColumns = """
        SELECT r.id, r.user, r.time, r.source, r.comment, r.changes, q.closed_by
        FROM revision r LEFT JOIN change_request q ON q.revision = r.id
        """

    func revisions(limit: Int?) throws -> [RevisionInfo] {
        let rows = try Row.fetchAll(db, sql: Self.revisionColumns + " ORDER BY r.id DESC LIMIT ?", arguments: [limit ?? -1])
        return rows.map(Self.revision)
    }

    func revision(_ id: Int) throws -> RevisionInfo? {
        try Row.fetchOne(db, sql: Self.revisionColumns + " WHERE r.id = ?", arguments: [id]).map(Self.revision)
    }

    private static func revision(_ row: Row) -> RevisionInfo {
        RevisionInfo(id: row[0], user: row[1], time: row[2], source: row[3], comment: row[4], changeCount: row[5], approver: row[6])
    }

    func pendingCandidates() throws -> [PendingCandidate] {
        let sql = """
            SELECT c.user, c.base, count(*), c.edited FROM candidate c JOIN candidate_record r ON r.user = c.user
            GROUP BY c.user ORDER BY c.user
            """
        return try Row.fetchAll(db, sql: sql).map { PendingCandidate(user: $0[0], base: $0[1], records: $0[2], edited: $0[3]) }
    }

    func openChangeRequests() throws -> [ChangeRequest] {
        try Row.fetchAll(db, sql: Self.requestColumns + " WHERE state = 'open' ORDER BY id").map(Self.request)
    }

    func returnedRequests(of author: String) throws -> [ChangeRequest] {
        let sql =
            Self.requestColumns + """
                 WHERE author = ? AND state = 'rejected' AND EXISTS (SELECT 1 FROM candidate WHERE user = char(1) || 'request ' || id) ORDER BY id
                """
        return try Row.fetchAll(db, sql: sql, arguments: [author]).map(Self.request)
    }

    func changeRequest(_ id: Int) throws -> ChangeRequest? {
        try Row.fetchOne(db, sql: Self.requestColumns + " WHERE id = ?", arguments: [id]).map(Self.request)
    }

    private static let requestColumns = "SELECT id, author, time, base, changes, comment, digest, state, closed_by, revision FROM change_request"

    private static func request(_ row: Row) -> ChangeRequest {
        let state = ChangeRequest.State(stored: row[7], closedBy: row[8], revision: row[9])
        return ChangeRequest(
            id: row[0], author: row[1], time: row[2], base: row[3], changeCount: row[4], comment: row[5], digest: row[6], state: state)
    }

    func candidateBase(of user: String) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT base FROM candidate WHERE user = ?", arguments: [user])
    }

    func candidateEdits(of user: String, after key: RecordKey?, limit: Int) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        // From the first key on, `>=` the least key there is: one range of the primary key.
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT key, base, new FROM candidate_record WHERE user = ? AND key \(key == nil ? ">=" : ">") ? ORDER BY key LIMIT ?"),
            arguments: [user, key?.encoded ?? "", limit])
        return rows.map { row in
            let old: String? = row[1], new: String? = row[2]
            return (RecordKey(encoded: row[0]), CandidateEdit(base: old.map(Record.init(encoded:)), new: new.map(Record.init(encoded:))))
        }
    }

    func spilledEdits(
        in area: SpillArea, after lower: String, inclusive: Bool, below upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try SpillTable.fetchChunk(db, area, after: lower, orEqual: inclusive, upper: upper, limit: limit)
    }

    func auditRecords(after sequence: Int, limit: Int) throws -> [AuditRecord] {
        try AuditTable.records(db, after: sequence, limit: limit)
    }

    func latestAuditRecords(limit: Int) throws -> [AuditRecord] {
        try AuditTable.latest(db, limit: limit)
    }
}
