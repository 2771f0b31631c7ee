import ConfigModel
import ConfigStore
import PostgreSQLClient

/// The storage on one connection: reads at the head (one statement at a time), in a
/// snapshot, or inside a write transaction, which alone is handed out as one that may also
/// write (see `PostgreSQLAccess+Writes`).
///
/// A write transaction locks the head revision before its first read (`lock_head`): from
/// then on no other publish can commit, so everything it reads is the head's, as in a
/// snapshot. One that only saves a candidate reads nothing and never waits for a publish.
final class PostgreSQLAccess: StorageReads {
    let connection: PostgreSQLConnection
    private var headToLock: Bool

    /// `locksHead`: whether this is a write transaction's, which locks the head before reading.
    init(_ connection: PostgreSQLConnection, locksHead: Bool = false) {
        self.connection = connection
        headToLock = locksHead
    }

    /// What every read does first. The wait for the lock is bounded, as SQLite's busy
    /// timeout bounds it there.
    func reading() throws {
        guard headToLock else { return }
        try connection.execute("SET LOCAL lock_timeout = '\(PostgreSQLStorage.busyTimeout)s'; SELECT dashell.lock_head()")
        headToLock = false
    }

    func latestRevision() throws -> Int {
        try reading()
        return try RecordTable.latestRevision(connection)
    }

    func record(_ key: RecordKey) throws -> Record? {
        try reading()
        return try RecordTable.fetch(connection, key)
    }

    func records(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(RecordKey, Record)] {
        try reading()
        return try RecordTable.fetchChunk(connection, after: lower, orEqual: inclusive, upper: upper, limit: limit)
    }

    func records(after lower: String, inclusive: Bool, below upper: String, limit: Int, possiblyContaining word: String) throws -> [(RecordKey, Record)] {
        try reading()
        return try RecordTable.fetchChunk(connection, after: lower, orEqual: inclusive, upper: upper, limit: limit, containing: word)
    }

    func entryKeys(_ range: EntryRange, limit: Int) throws -> [String] {
        try reading()
        return try RecordTable.entryKeys(connection, listLower: range.listLower, lower: range.lower, upper: range.upper, limit: limit)
    }

    func countEntries(_ range: EntryRange, cap: Int) throws -> Int {
        try reading()
        return try RecordTable.countEntries(connection, listLower: range.listLower, lower: range.lower, upper: range.upper, cap: cap)
    }

    func referrers(of target: RecordKey) throws -> [Referrer] {
        try reading()
        return try RecordTable.referrers(connection, of: target)
    }

    /// Rows of the change log read per query: the log is read a page at a time, each page
    /// starting past the last row of the one before, so that `body` may read the store
    /// between rows and a long history is never held whole.
    static let changePage = 1_000

    func forEachChange(
        after: Int, upTo: Int?, under scope: RecordKey?, newestFirst: Bool,
        _ body: (LoggedChange) throws -> Bool
    ) throws {
        try reading()
        var sql = "SELECT revision, key, old, new FROM dashell.change WHERE revision > $1"
        var parameters: [any QueryParameter] = [after]
        if let upTo {
            sql += " AND revision <= $\(parameters.count + 1)"
            parameters.append(upTo)
        }
        if let scope {
            sql += " AND key >= $\(parameters.count + 1) AND key < $\(parameters.count + 2)"
            parameters += [scope.encoded, scope.descendantsUpperBound]
        }
        let order = newestFirst ? " ORDER BY revision DESC, key DESC LIMIT \(Self.changePage)" : " ORDER BY revision, key LIMIT \(Self.changePage)"
        let past = " AND (revision, key) \(newestFirst ? "<" : ">") ($\(parameters.count + 1), $\(parameters.count + 2))"
        var last: (revision: Int, key: String)?
        while true {
            let rows =
                try last.map { try connection.query(sql + past + order, parameters + [$0.revision, $0.key]) } ?? connection.query(sql + order, parameters)
            for row in rows {
                let key = RecordKey(encoded: row.string(1)!), revision = row.integer(0)!
                last = (revision, key.encoded)
                if let scope, key != scope, !key.isDescendant(of: scope) { continue }
                let change = LoggedChange(
                    revision: revision, key: key, old: row.string(2).map(Record.init(encoded:)), new: row.string(3).map(Record.init(encoded:)))
                guard try body(change) else { return }
            }
            if rows.count < Self.changePage { return }
        }
    }

    /// A revision with its approver: the request it was published from names them.
    private static let revisionColumns = """
        SELECT r.id, r.user_name, extract(epoch FROM r.time)::float8, r.source, r.comment, r.changes, q.closed_by
        FROM dashell.revision r LEFT JOIN dashell.change_request q ON q.revision = r.id
        """

    func revisions(limit: Int?) throws -> [RevisionInfo] {
        try reading()
        return try connection.query(Self.revisionColumns + " ORDER BY r.id DESC LIMIT $1", [limit]).map(Self.revision)
    }

    func revision(_ id: Int) throws -> RevisionInfo? {
        try reading()
        return try connection.query(Self.revisionColumns + " WHERE r.id = $1", [id]).first.map(Self.revision)
    }

    private static func revision(_ row: QueryResult.Row) -> RevisionInfo {
        RevisionInfo(
            id: row.integer(0)!, user: row.string(1)!, time: row.double(2)!, source: row.string(3)!, comment: row.string(4),
            changeCount: row.integer(5)!, approver: row.string(6))
    }

    func pendingCandidates() throws -> [PendingCandidate] {
        try reading()
        let sql = """
            SELECT c.user_name, c.base, count(*), extract(epoch FROM c.edited)::float8
            FROM dashell.candidate c JOIN dashell.candidate_record r ON r.user_name = c.user_name
            GROUP BY c.user_name, c.base, c.edited ORDER BY c.user_name COLLATE "C"
            """
        return try connection.query(sql).map { row in
            PendingCandidate(user: row.string(0)!, base: row.integer(1)!, records: row.integer(2)!, edited: row.double(3))
        }
    }

    func openChangeRequests() throws -> [ChangeRequest] {
        try reading()
        return try connection.query(Self.requestColumns + " WHERE state = 'open' ORDER BY id").map(Self.request)
    }

    func returnedRequests(of author: String) throws -> [ChangeRequest] {
        try reading()
        let sql =
            Self.requestColumns + """
                 WHERE author = $1 AND state = 'rejected'
                    AND EXISTS (SELECT FROM dashell.candidate WHERE user_name = chr(1) || 'request ' || id) ORDER BY id
                """
        return try connection.query(sql, [author]).map(Self.request)
    }

    func changeRequest(_ id: Int) throws -> ChangeRequest? {
        try reading()
        return try connection.query(Self.requestColumns + " WHERE id = $1", [id]).first.map(Self.request)
    }

    private static let requestColumns = """
        SELECT id, author, extract(epoch FROM time)::float8, base, changes, comment, digest, state, closed_by, revision
        FROM dashell.change_request
        """

    private static func request(_ row: QueryResult.Row) -> ChangeRequest {
        let state = ChangeRequest.State(stored: row.string(7)!, closedBy: row.string(8), revision: row.integer(9))
        return ChangeRequest(
            id: row.integer(0)!, author: row.string(1)!, time: row.double(2)!, base: row.integer(3)!, changeCount: row.integer(4)!,
            comment: row.string(5), digest: row.string(6)!, state: state)
    }

    func changes(of revision: Int, after key: RecordKey?, limit: Int) throws -> [LoggedChange] {
        try reading()
        let rows =
            try key.map {
                try connection.query(
                    "SELECT key, old, new FROM dashell.change WHERE revision = $1 AND key > $2 ORDER BY key LIMIT $3", [revision, $0.encoded, limit])
            } ?? connection.query("SELECT key, old, new FROM dashell.change WHERE revision = $1 ORDER BY key LIMIT $2", [revision, limit])
        return rows.map { row in
            LoggedChange(
                revision: revision, key: RecordKey(encoded: row.string(0)!), old: row.string(1).map(Record.init(encoded:)),
                new: row.string(2).map(Record.init(encoded:)))
        }
    }

    func candidateBase(of user: String) throws -> Int? {
        try reading()
        return try connection.query("SELECT base FROM dashell.candidate WHERE user_name = $1", [user]).first?.integer(0)
    }

    func candidateEdits(of user: String, after key: RecordKey?, limit: Int) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try reading()
        let rows =
            try key.map {
                try connection.query(
                    "SELECT key, base, new FROM dashell.candidate_record WHERE user_name = $1 AND key > $2 ORDER BY key LIMIT $3",
                    [user, $0.encoded, limit])
            } ?? connection.query("SELECT key, base, new FROM dashell.candidate_record WHERE user_name = $1 ORDER BY key LIMIT $2", [user, limit])
        return rows.map { row in
            (RecordKey(encoded: row.string(0)!), CandidateEdit(base: row.string(1).map(Record.init(encoded:)), new: row.string(2).map(Record.init(encoded:))))
        }
    }

    func spilledEdits(
        in area: SpillArea, after lower: String, inclusive: Bool, below upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try SpillTable.fetchChunk(connection, area, after: lower, orEqual: inclusive, upper: upper, limit: limit)
    }

    private static let auditColumns =
        "sequence, time, user_name, login, host, source, session_began, action, revision, request, outcome, detail, digest, previous, hash"

    func auditRecords(after sequence: Int, limit: Int) throws -> [AuditRecord] {
        try reading()
        let sql = "SELECT \(Self.auditColumns) FROM dashell.audit WHERE sequence > $1 ORDER BY sequence LIMIT $2"
        return try connection.query(sql, [sequence, limit]).map(Self.auditRecord)
    }

    func latestAuditRecords(limit: Int) throws -> [AuditRecord] {
        try reading()
        return try connection.query("SELECT \(Self.auditColumns) FROM dashell.audit ORDER BY sequence DESC LIMIT $1", [limit]).map(Self.auditRecord)
    }

    /// The columns are NOT NULL where the record's fields are not optional; should the
    /// owner have changed that, a NULL reads as an empty field, which `audit verify` then
    /// finds does not match.
    private static func auditRecord(_ row: QueryResult.Row) -> AuditRecord {
        AuditRecord(
            sequence: row.integer(0) ?? 0, time: Int64(row.integer(1) ?? 0), user: row.string(2) ?? "", login: row.string(3),
            host: row.string(4) ?? "", source: row.string(5) ?? "", sessionBegan: Int64(row.integer(6) ?? 0), action: row.string(7) ?? "",
            revision: row.integer(8), request: row.integer(9), outcome: row.string(10) ?? "", detail: row.string(11), digest: row.string(12),
            previous: row.string(13), hash: row.string(14) ?? "")
    }
}
