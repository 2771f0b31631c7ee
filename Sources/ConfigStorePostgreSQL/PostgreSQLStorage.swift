import ConfigModel
import ConfigStore
import Foundation
import PostgreSQLClient

/// The store in the `dashell` schema of a PostgreSQL database (`store init` creates it),
/// through libpq on one connection. Write transactions are READ COMMITTED and lock the head
/// revision before reading (see `PostgreSQLAccess`), so that publishers queue on it;
/// snapshots are REPEATABLE READ, READ ONLY. Writes call the server's functions only.
public final class PostgreSQLStorage: Storage {
    public let server: ServerLocation
    public var location: String { server.description }
    private var connection: PostgreSQLConnection
    /// Serialises uses of the connection, which libpq does not: as GRDB's queue does
    /// SQLite's, for the same engine above both.
    private let lock = NSLock()
    /// The read a script's point reads share between calls; every other use of the
    /// connection ends it first.
    private let sharedRead = SharedRead()

    /// How long a writer waits for the head another holds before giving up, in seconds.
    static let busyTimeout = 60

    /// Connects to the store at `server`; one without the dashell schema, or of a newer
    /// format, is refused.
    public init(_ server: ServerLocation) throws {
        self.server = server
        connection = try Self.connect(server)
        try checkFormat()
    }

    /// The role the server authenticated: who is using the store.
    public var role: String { connection.user }

    static func connect(_ server: ServerLocation) throws -> PostgreSQLConnection {
        do {
            return try PostgreSQLConnection(server.uri, applicationName: "dashell")
        } catch let error as PostgreSQLError {
            throw unreachable(error, location: server.description)
        }
    }

    /// The store cannot be reached, naming the host even when the location leaves it to
    /// libpq's environment (`PGHOST`) or defaults.
    static func unreachable(_ error: PostgreSQLError, location: String) -> StoreError {
        let host = error.host.isEmpty || location.contains(error.host) ? "" : "host \(error.host): "
        return .unreachable(location: location, reason: host + error.message)
    }

    /// Connects again after the connection was lost. What lived in the old connection went
    /// with it: spill areas, and the shared read (the next one begins a new epoch).
    public func reconnect() throws {
        let fresh = try Self.connect(server)
        lock.lock()
        defer { lock.unlock() }
        connection = fresh
    }

    private func checkFormat() throws {
        let version = try withConnection { connection in
            try StoreSchema.formatVersion(connection, location: location)
        }
        guard let version else { throw StoreError.noStore(location: location) }
        if version > StoreSchema.formatVersion {
            throw StoreError.formatTooNew(path: location, version: version, supported: StoreSchema.formatVersion)
        }
        if version < StoreSchema.formatVersion {
            throw StoreError.formatTooOld(location: location, version: version, supported: StoreSchema.formatVersion)
        }
    }

    // MARK: Access with errors mapped

    /// Runs `body` on the connection, alone, with libpq's errors as the store's.
    private func withConnection<T>(_ body: (PostgreSQLConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try body(connection)
        } catch let error as PostgreSQLError {
            throw Self.storeError(error, location: location, connection: connection)
        }
    }

    static func storeError(_ error: PostgreSQLError, location: String, connection: PostgreSQLConnection) -> StoreError {
        if !connection.isConnected { return unreachable(error, location: location) }
        return error.sqlState == "55P03" ? .busy(path: location, seconds: busyTimeout) : .failed(path: location, reason: error.message)
    }

    /// One statement outside any transaction: the cheap path for reads at the head.
    func read<T>(_ body: (PostgreSQLAccess) throws -> T) throws -> T {
        try withConnection { connection in
            try sharedRead.end(connection)
            return try body(PostgreSQLAccess(connection))
        }
    }

    public func snapshot<T>(_ body: (any StorageReads) throws -> T) throws -> T {
        try withConnection { connection in
            try sharedRead.end(connection)
            return try connection.transaction(.repeatableRead, readOnly: true) { (try body(PostgreSQLAccess(connection)), commit: true) }
        }
    }

    /// Runs `body` in a READ COMMITTED transaction that locks the head revision before its
    /// first read: publishers queue there (for up to `busyTimeout`), and the head cannot
    /// move while `body` runs.
    public func write<T>(_ body: (any StorageTransaction) throws -> (T, commit: Bool)) throws -> T {
        try withConnection { connection in
            try sharedRead.end(connection)
            return try connection.transaction(.readCommitted) { try body(PostgreSQLAccess(connection, locksHead: true)) }
        }
    }

    public func pointRead(_ key: RecordKey) throws -> PointRead {
        try withConnection { connection in
            try sharedRead.begin(connection)
            do {
                let (record, next) = try RecordTable.fetchOrNextKey(connection, key)
                return PointRead(record: record, next: next, epoch: sharedRead.epoch)
            } catch {
                // A failed statement aborts the transaction: the next read begins another.
                try? sharedRead.end(connection)
                throw error
            }
        }
    }

    public var readEpoch: Int { sharedRead.epoch }

    public func makeSpillArea() throws -> SpillArea {
        try read { try SpillTable.makeArea($0.connection) }
    }

    public func spill(_ edits: [(key: RecordKey, edit: CandidateEdit?)], into area: SpillArea) throws {
        try read { try SpillTable.write($0.connection, edits, into: area) }
    }

    public func dropSpillArea(_ area: SpillArea) throws {
        try read { try SpillTable.drop($0.connection, area) }
    }

    /// Listens for the server's announcements of publishes (see `RevisionListener`).
    public func revisionSignal() throws -> any RevisionSignal {
        try RevisionListener(server)
    }

    // MARK: StorageReads at the head
    // Those of one statement; the others (the change log, read a page at a time, and a
    // candidate, read in two) take a snapshot (`Storage`'s defaults).

    public func latestRevision() throws -> Int { try read { try $0.latestRevision() } }

    public func record(_ key: RecordKey) throws -> Record? { try read { try $0.record(key) } }

    public func records(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(RecordKey, Record)] {
        try read { try $0.records(after: lower, inclusive: inclusive, below: upper, limit: limit) }
    }

    public func records(
        after lower: String, inclusive: Bool, below upper: String, limit: Int, possiblyContaining word: String
    ) throws -> [(RecordKey, Record)] {
        try read { try $0.records(after: lower, inclusive: inclusive, below: upper, limit: limit, possiblyContaining: word) }
    }

    public func entryKeys(_ range: EntryRange, limit: Int) throws -> [String] {
        try read { try $0.entryKeys(range, limit: limit) }
    }

    public func countEntries(_ range: EntryRange, cap: Int) throws -> Int {
        try read { try $0.countEntries(range, cap: cap) }
    }

    public func referrers(of target: RecordKey) throws -> [Referrer] {
        try read { try $0.referrers(of: target) }
    }

    public func revisions(limit: Int?) throws -> [RevisionInfo] {
        try read { try $0.revisions(limit: limit) }
    }

    public func revision(_ id: Int) throws -> RevisionInfo? {
        try read { try $0.revision(id) }
    }
}
