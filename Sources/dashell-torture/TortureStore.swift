import ConfigStore
import ConfigStorePostgreSQL
import ConfigStoreSQLite
import DigitalAccess
import Foundation
import GRDB
import PostgreSQLClient
import PostgreSQLTesting

/// The store a torture runs dashell on, and what the torture knows of it besides dashell:
/// its engine's own integrity check, the history and candidate tables read with plain SQL,
/// when a transaction starts writing, and on PostgreSQL the server, which a torture may
/// restart at any instant. The tortures are written once over this. Used from one thread,
/// but for the clean-up on a signal (`Cleanup`), which runs `remove` before exiting.
protocol TortureStore: AnyObject, Sendable {
    /// What the torture's first line says the store is.
    var description: String { get }
    /// The identity dashell records for `user`, who runs `dashell` or a session through
    /// `arguments(user:)` or `open(user:)`: the name itself on SQLite, on PostgreSQL the
    /// login role the torture made for them.
    func identity(_ user: String) -> String
    /// `--store …` (and what else says who runs it) for a `dashell` run by `user`.
    func arguments(user: String) -> [String]
    /// The location a helper process opens the store at as `user` (see `open(at:)`).
    func location(user: String) -> String
    /// The store, in this process, as `user`.
    func open(user: String) throws -> RevisionedStore

    /// The engine's integrity check (when `thorough`, also the slower parts), then
    /// history: revisions 1…N without a gap, every change row belonging to a revision,
    /// every revision with changes, and, when `thorough`, every published record equal to
    /// the newest change of its key. Returns N.
    func checkIntegrity(thorough: Bool) throws -> Int
    /// A user's persisted candidate as text: its base, then every record's key, base and new.
    func candidateDigest(_ user: String) throws -> String
    /// How many revisions each identity published.
    func revisionsByAuthor() throws -> [String: Int]

    /// Where the store's writes are, before a run (see `isWriting`).
    func writeMark() throws -> Int
    /// Whether a transaction of dashell's has started writing since `mark`: the instant a
    /// torture aims its crashes at. On SQLite it stays true once the transaction is gone.
    func isWriting(since mark: Int) throws -> Bool
    /// Waits until what a killed client left running in the server has ended (a server
    /// finishes the statement it was running, then notices the lost client and rolls back).
    func settle() throws

    /// Whether the torture may restart the server (a cluster it started itself).
    var canRestartServer: Bool { get }
    /// Stops the server at once (`pg_ctl stop -m immediate`), then starts it again.
    func restartServer() throws

    /// Holds the store as a long publish would, until `release` is called on the result.
    func hold(directory: String) throws -> StoreHold
    /// Whether dashell says on stderr that it waits for another process (SQLite's busy
    /// handler does; on PostgreSQL a publisher waits on the head's lock in silence).
    var announcesWaiting: Bool { get }
    /// How many dashell processes the server sees waiting for a lock, where it can tell.
    func waitingPublishers() throws -> Int?

    /// Removes the store and whatever the torture made for it.
    func remove()
}

/// The store held by a torture.
protocol StoreHold {
    /// Whether the hold is in place.
    var isHeld: Bool { get }
    func release() throws
}

/// Which store `--store` names: none or `sqlite` for an SQLite file in the torture's
/// folder; `postgresql` for a database in a throwaway cluster the torture starts and may
/// restart; a `postgresql://` URI for a database the torture creates on that server (as a
/// role that may create databases and roles) and drops at the end.
func makeStore(_ given: String?, directory: String, dashell: String) throws -> any TortureStore {
    switch given {
    case nil, "sqlite":
        return SQLiteTortureStore(path: directory + "/store.sqlite")
    case "postgresql", "postgres":
        return try PostgreSQLTortureStore(server: nil, directory: directory, dashell: dashell)
    case let uri? where ServerLocation.isServerURI(uri):
        return try PostgreSQLTortureStore(server: uri, directory: directory, dashell: dashell)
    case let other?:
        throw TortureError("--store \(other): expected sqlite, postgresql or a postgresql:// URI")
    }
}

/// The store a helper process was given, at `location`: an SQLite file or a libpq URI.
func openStore(at location: String) throws -> RevisionedStore {
    if ServerLocation.isServerURI(location) {
        return RevisionedStore(
            storage: try PostgreSQLStorage(ServerLocation(location)), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
    }
    return try SQLiteStore.open(at: location, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
}

// MARK: - SQLite

/// An SQLite file, read from outside with the sqlite3 command-line tool: an opinion
/// independent of dashell.
final class SQLiteTortureStore: TortureStore, @unchecked Sendable {
    let path: String

    init(path: String) {
        self.path = path
    }

    var description: String { path }
    func identity(_ user: String) -> String { user }
    func arguments(user: String) -> [String] { ["--store", path, "--user", user] }
    func location(user: String) -> String { path }

    func open(user: String) throws -> RevisionedStore {
        try openStore(at: path)
    }

    func sql(_ query: String) throws -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let child = try Child("/usr/bin/env", ["sqlite3", "-batch", path, query], name: "sqlite3", directory: directory)
        let exit = try child.wait(timeout: 120)
        guard exit.code == 0 else { throw TortureError("sqlite3 '\(query)' failed (\(exit)): \(exit.errors)") }
        return exit.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func checkIntegrity(thorough: Bool) throws -> Int {
        let integrity = try sql("PRAGMA integrity_check")
        guard integrity == "ok" else { throw TortureError("integrity_check: \(integrity)") }
        let counts = try sql("SELECT COUNT(*), IFNULL(MAX(id), 0) FROM revision").split(separator: "|").compactMap { Int($0) }
        guard counts.count == 2, counts[0] == counts[1] else { throw TortureError("revision ids have gaps: count|max = \(counts)") }
        let orphans = try sql("SELECT COUNT(*) FROM change WHERE revision NOT IN (SELECT id FROM revision)")
        guard orphans == "0" else { throw TortureError("\(orphans) change rows without a revision") }
        let empty = try sql("SELECT COUNT(*) FROM revision WHERE id NOT IN (SELECT revision FROM change)")
        guard empty == "0" else { throw TortureError("\(empty) revisions without change rows") }
        // A revision and its audit record commit together.
        let unaudited = try sql("SELECT COUNT(*) FROM revision WHERE id NOT IN (SELECT revision FROM audit WHERE action = 'publish' AND revision IS NOT NULL)")
        guard unaudited == "0" else { throw TortureError("\(unaudited) revisions without their audit record") }
        if thorough {
            // The row of each key's newest revision: SQLite takes a bare column from the row
            // that MAX() picked.
            let differing = try sql(
                """
                WITH last AS (SELECT key, new FROM (SELECT key, new, MAX(revision) FROM change GROUP BY key))
                SELECT (SELECT COUNT(*) FROM last LEFT JOIN record r USING (key) WHERE r.leaves IS NOT last.new)
                     + (SELECT COUNT(*) FROM record WHERE key NOT IN (SELECT key FROM last))
                """)
            guard differing == "0" else { throw TortureError("\(differing) published records differ from their newest change") }
        }
        return counts[0]
    }

    func candidateDigest(_ user: String) throws -> String {
        try sql(
            """
            SELECT 'base ' || base FROM candidate WHERE user = '\(user)'
            UNION ALL SELECT * FROM (SELECT quote(key) || ' ' || quote(base) || ' ' || quote(new) FROM candidate_record WHERE user = '\(user)' ORDER BY key)
            """)
    }

    func revisionsByAuthor() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in try sql("SELECT user, COUNT(*) FROM revision GROUP BY user").split(separator: "\n") {
            let parts = line.split(separator: "|")
            if parts.count == 2, let count = Int(parts[1]) { counts[String(parts[0])] = count }
        }
        return counts
    }

    /// The size of the write-ahead log. Between runs the last connection to close has
    /// checkpointed and removed it; opening writes nothing; so it grows only when a
    /// transaction writes pages.
    func writeMark() -> Int {
        var status = stat()
        guard stat(path + "-wal", &status) == 0 else { return 0 }
        return Int(status.st_size)
    }

    func isWriting(since mark: Int) -> Bool { writeMark() > mark }
    func settle() {}

    var canRestartServer: Bool { false }
    func restartServer() throws { throw TortureError("an SQLite store has no server to restart") }

    /// A helper process holding the write lock (`hold-lock`), as a long publish would.
    func hold(directory: String) throws -> StoreHold {
        let release = directory + "/release"
        let holder = try Child(
            URL(fileURLWithPath: CommandLine.arguments[0]).path, ["hold-lock", path, release], name: "holder", directory: directory)
        return SQLiteHold(holder: holder, releaseFile: release)
    }

    var announcesWaiting: Bool { true }
    func waitingPublishers() -> Int? { nil }

    func remove() {}
}

struct SQLiteHold: StoreHold {
    let holder: Child
    let releaseFile: String

    var isHeld: Bool { Child.read(holder.outPath).contains("locked") }

    func release() throws {
        _ = FileManager.default.createFile(atPath: releaseFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: releaseFile) }
        try holder.wait(timeout: 60).expect(0, "lock holder")
    }
}

/// Holds the store's write lock, as a long publish would, until `releaseFile` appears.
func holdLock(store: String, releaseFile: String) throws {
    let queue = try DatabaseQueue(path: store)
    try queue.inDatabase { db in
        try db.execute(sql: "BEGIN IMMEDIATE")
        say("locked")
        while !FileManager.default.fileExists(atPath: releaseFile) { usleep(10_000) }
        try db.execute(sql: "COMMIT")
    }
}

// MARK: - PostgreSQL

/// A database of its own on a PostgreSQL server, made with `store init` by the server's
/// superuser (or a role that may create databases and roles); every user of the torture
/// connects as a login role of their own, a member of `dashell_admin`, with a password
/// that `~/.pgpass` in the torture's folder gives (the folder is the processes' home).
/// Read from outside through libpq, as the superuser: amcheck for the engine's own check.
final class PostgreSQLTortureStore: TortureStore, @unchecked Sendable {
    /// The cluster the torture started, when it was given none.
    private let cluster: ThrowawayCluster?
    /// The URI the torture was given, or its cluster's; its database is where the torture
    /// creates and drops its own.
    private let server: String
    let database: String
    private let directory: String
    private var connection: PostgreSQLConnection
    /// Roles the torture created, to drop at the end, and those it may use.
    private var createdRoles: [String] = []
    private var knownRoles: Set<String> = []
    private let password = UUID().uuidString
    private var hasAmcheck = false
    private var removed = false

    /// `server`: a libpq URI of a role that may create databases and roles; nil for a
    /// throwaway cluster of the torture's own.
    init(server given: String?, directory: String, dashell: String) throws {
        self.directory = directory
        cluster = given == nil ? try ThrowawayCluster(settings: ["max_connections = 100"]) : nil
        server = given ?? cluster!.uri()
        database = "dashell_torture_\(getpid())_" + UUID().uuidString.prefix(8).lowercased()
        do {
            let maintenance = try PostgreSQLConnection(server, applicationName: "dashell torture")
            try maintenance.execute("CREATE DATABASE \(database) ENCODING 'UTF8' TEMPLATE template0")
            connection = try PostgreSQLConnection(Self.uri(server, database: database), applicationName: "dashell torture")
        } catch {
            cluster?.remove()
            throw TortureError("cannot make the torture's database on \(ServerLocationText.withoutPassword(server)): \(error)")
        }
        do {
            let passfile = directory + "/.pgpass"
            _ = FileManager.default.createFile(atPath: passfile, contents: nil, attributes: [.posixPermissions: 0o600])
            setenv("PGPASSFILE", passfile, 1)
            // The store made by dashell itself, as its owner would.
            let initialize = try Child(
                dashell, ["--store", Self.uri(server, database: database), "store", "init"], name: "store-init", directory: directory)
            try initialize.wait(timeout: 120).expect(0, "store init")
        } catch {
            remove()
            throw error
        }
        do {
            try connection.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            hasAmcheck = true
        } catch {
            say("note: no amcheck on this server (\(error)): PostgreSQL's own check of the store's indexes and tables is skipped")
        }
    }

    var description: String {
        "\(database) on " + (cluster.map { "a throwaway cluster in \($0.directory)" } ?? ServerLocationText.withoutPassword(server))
    }

    /// `base` with its database and user replaced: the user part of its authority and any
    /// `user`, `dbname` or `password` parameter are dropped, the others kept.
    static func uri(_ base: String, database: String, user: String? = nil) -> String {
        guard let schemeEnd = base.range(of: "://")?.upperBound else { return base }
        let rest = base[schemeEnd...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if user != nil, let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        var parameters: [String] = []
        if let question = rest.firstIndex(of: "?") {
            parameters = rest[rest.index(after: question)...].split(separator: "&").map(String.init).filter {
                !$0.hasPrefix("dbname=") && (user == nil || (!$0.hasPrefix("user=") && !$0.hasPrefix("password=")))
            }
        }
        if let user { parameters.append("user=\(user)") }
        return base[..<schemeEnd] + authority + "/" + database + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }

    // MARK: Who

    func identity(_ user: String) -> String { "torture_" + user }

    /// The login role of `user`, made on first use: a member of `dashell_admin`, with the
    /// torture's password in `~/.pgpass`.
    private func role(_ user: String) throws -> String {
        let role = identity(user)
        guard !knownRoles.contains(role) else { return role }
        let exists = try connection.query("SELECT count(*) FROM pg_roles WHERE rolname = $1", [role]).first?.integer(0) != 0
        if !exists {
            try connection.execute("CREATE ROLE \(role) LOGIN")
            createdRoles.append(role)
        }
        try connection.execute("ALTER ROLE \(role) LOGIN PASSWORD '\(password)'; GRANT dashell_admin TO \(role)")
        let line = "*:*:*:\(role):\(password)\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/.pgpass"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.close()
        knownRoles.insert(role)
        return role
    }

    func location(user: String) -> String {
        (try? role(user)).map { Self.uri(server, database: database, user: $0) } ?? Self.uri(server, database: database)
    }

    /// No `--user`: on PostgreSQL who publishes is the role the server authenticated.
    func arguments(user: String) -> [String] { ["--store", location(user: user)] }

    func open(user: String) throws -> RevisionedStore {
        try openStore(at: Self.uri(server, database: database, user: try role(user)))
    }

    // MARK: Reading from outside

    /// The rows of `sql` (no parameters), one line each: the first column (queries join
    /// several with `|`).
    @discardableResult
    func sql(_ sql: String) throws -> String {
        do {
            return try connection.query(sql).map { $0.string(0) ?? "" }.joined(separator: "\n")
        } catch let error as PostgreSQLError {
            throw TortureError("'\(sql.prefix(200))' failed: \(error)")
        }
    }

    func checkIntegrity(thorough: Bool) throws -> Int {
        if hasAmcheck {
            // Every B-tree index of the store's tables, structurally (and, when thorough,
            // that it holds every row of its table); every table's pages and tuples.
            let indexes = try sql(
                """
                SELECT count(bt_index_check(c.oid, \(thorough))) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
                WHERE n.nspname = 'dashell' AND a.amname = 'btree'
                """)
            guard Int(indexes) ?? 0 > 0 else { throw TortureError("amcheck checked no index of the store: \(indexes)") }
            let tables = thorough ? "'dashell'" : "'dashell') AND c.relname NOT IN ('change', 'candidate_record'"
            let corrupt = try sql(
                """
                SELECT c.relname || ': block ' || v.blkno || ', ' || v.msg FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
                    LATERAL verify_heapam(c.oid) v
                WHERE n.nspname IN (\(tables)) AND c.relkind = 'r'
                """)
            guard corrupt.isEmpty else { throw TortureError("verify_heapam: \(corrupt)") }
        }
        let counts = try sql("SELECT count(*) || '|' || coalesce(max(id), 0) FROM dashell.revision").split(separator: "|").compactMap { Int($0) }
        guard counts.count == 2, counts[0] == counts[1] else { throw TortureError("revision ids have gaps: count|max = \(counts)") }
        let head = try sql("SELECT revision FROM dashell.head")
        guard head == String(counts[1]) else { throw TortureError("the head is revision \(head), the newest revision \(counts[1])") }
        let orphans = try sql("SELECT count(*) FROM dashell.change WHERE revision NOT IN (SELECT id FROM dashell.revision)")
        guard orphans == "0" else { throw TortureError("\(orphans) change rows without a revision") }
        let empty = try sql("SELECT count(*) FROM dashell.revision WHERE id NOT IN (SELECT revision FROM dashell.change)")
        guard empty == "0" else { throw TortureError("\(empty) revisions without change rows") }
        let unaudited = try sql(
            "SELECT count(*) FROM dashell.revision WHERE id NOT IN (SELECT revision FROM dashell.audit WHERE action = 'publish' AND revision IS NOT NULL)")
        guard unaudited == "0" else { throw TortureError("\(unaudited) revisions without their audit record") }
        if thorough {
            let differing = try sql(
                """
                SELECT count(*) FROM (SELECT DISTINCT ON (key) key, new FROM dashell.change ORDER BY key, revision DESC) last
                    FULL JOIN dashell.record r USING (key)
                WHERE r.leaves IS DISTINCT FROM last.new
                """)
            guard differing == "0" else { throw TortureError("\(differing) published records differ from their newest change") }
        }
        return counts[0]
    }

    func candidateDigest(_ user: String) throws -> String {
        try sql(
            """
            (SELECT 'base ' || base FROM dashell.candidate WHERE user_name = '\(user)')
            UNION ALL (SELECT quote_nullable(key) || ' ' || quote_nullable(base) || ' ' || quote_nullable(new)
                FROM dashell.candidate_record WHERE user_name = '\(user)' ORDER BY key)
            """)
    }

    func revisionsByAuthor() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in try sql("SELECT user_name || '|' || count(*) FROM dashell.revision GROUP BY user_name").split(separator: "\n") {
            let parts = line.split(separator: "|")
            if parts.count == 2, let count = Int(parts[1]) { counts[String(parts[0])] = count }
        }
        return counts
    }

    // MARK: Instants

    /// Unused: a transaction's id tells when it writes.
    func writeMark() -> Int { 0 }

    /// A backend of dashell's in this database holds a transaction id: it has written (or
    /// locked a row to, as a publish locks the head first).
    func isWriting(since mark: Int) throws -> Bool {
        try sql(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'dashell' AND backend_xid IS NOT NULL
            """) != "0"
    }

    func settle() throws {
        let deadline = Date().addingTimeInterval(120)
        while try sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'dashell'") != "0" {
            guard Date() < deadline else { throw TortureError("a killed client's server process is still running after 120 s") }
            usleep(2_000)
        }
    }

    // MARK: The server

    var canRestartServer: Bool { cluster != nil }

    func restartServer() throws {
        guard let cluster else { throw TortureError("the torture did not start this server, and does not restart it") }
        do {
            try cluster.stop(immediately: true)
            try cluster.start()
        } catch {
            throw TortureError("restarting the server: \(error)\n\(cluster.log.suffix(2000))")
        }
        connection = try PostgreSQLConnection(Self.uri(server, database: database), applicationName: "dashell torture")
    }

    // MARK: Holding the store

    /// A transaction of the superuser's that locks the head revision, as a publish does.
    func hold(directory: String) throws -> StoreHold {
        let holder = try PostgreSQLConnection(Self.uri(server, database: database), applicationName: "dashell torture holder")
        try holder.begin(.readCommitted)
        try holder.execute("SELECT dashell.lock_head()")
        return PostgreSQLHold(connection: holder)
    }

    var announcesWaiting: Bool { false }

    func waitingPublishers() throws -> Int? {
        Int(
            try sql(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'dashell' AND wait_event_type = 'Lock'
                """))
    }

    func remove() {
        guard !removed else { return }
        removed = true
        if let cluster {
            cluster.remove()
            return
        }
        // A server of someone else's: drop what the torture made there.
        guard let maintenance = try? PostgreSQLConnection(server, applicationName: "dashell torture") else { return }
        try? maintenance.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        for role in createdRoles { try? maintenance.execute("DROP ROLE IF EXISTS \(role)") }
    }
}

struct PostgreSQLHold: StoreHold {
    let connection: PostgreSQLConnection
    var isHeld: Bool { true }
    func release() throws { try connection.commit() }
}

enum ServerLocationText {
    /// `uri` as dashell shows it: without a password.
    static func withoutPassword(_ uri: String) -> String {
        (try? ServerLocation(uri))?.description ?? uri
    }
}
