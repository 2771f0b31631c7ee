import ConfigModel
import ConfigStore
import Foundation
import GRDB

/// The store in one SQLite file: WAL journal, synchronous FULL, a busy timeout so that
/// concurrent publishers queue instead of failing, and a format version checked on open.
public final class SQLiteStorage: Storage {
    public let path: String
    public var location: String { path }
    let queue: DatabaseQueue
    /// The read a script's point reads share between calls; every other use of the
    /// connection ends it first.
    private let sharedRead = SharedRead()

    /// Whether opening created the store's file: a new, empty store, which the user should
    /// hear of in case the location was not the one meant.
    public let isNew: Bool

    /// The format the file had when it was opened (0: none yet), before opening migrated it
    /// to `formatVersion`.
    public private(set) var formatOpened = StoreSchema.formatVersion

    /// What opening did to the store, as `store init` reports it.
    public var initialization: StoreInitialization {
        StoreInitialization(found: isNew ? 0 : formatOpened, current: StoreSchema.formatVersion)
    }

    /// How long a writer waits for another before giving up, in seconds.
    static let busyTimeout: TimeInterval = 60

    /// Opens the store at `path`, creating what `creation` allows where it does not exist.
    /// `onWait` is told once when another process has held the store for more than a second.
    public init(path: String, creating creation: StoreLocation.Creation = .file, onWait: (@Sendable () -> Void)? = nil) throws {
        self.path = path
        isNew = try StoreLocation.prepare(path, creating: creation)
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.configuration(onWait: onWait))
            formatOpened = try Self.checkAndMigrate(queue, path: path, isNew: isNew)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    private init(memoryQueue: DatabaseQueue) {
        path = ":memory:"
        isNew = true
        queue = memoryQueue
    }

    /// A store that lives in memory only, for tests and fuzzing.
    public static func inMemory() throws -> SQLiteStorage {
        let queue = try DatabaseQueue(configuration: configuration(onWait: nil))
        try StoreSchema.migrator.migrate(queue)
        return SQLiteStorage(memoryQueue: queue)
    }

    private static func configuration(onWait: (@Sendable () -> Void)?) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .callback(BusyWait(onWait: onWait).callback)
        // Not GRDB's `journalMode = .wal`: it sets synchronous NORMAL after this setup and,
        // whenever the WAL file is empty, writes to the database on open, so that a mere
        // reader waits for the write lock. WAL mode is persistent: set once, on migration.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        // The one transaction left open between accesses is the shared read (`SharedRead`).
        configuration.allowsUnsafeTransactions = true
        return configuration
    }

    /// Returns the format the store had.
    private static func checkAndMigrate(_ queue: DatabaseQueue, path: String, isNew: Bool) throws -> Int {
        let version = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if version > StoreSchema.formatVersion {
            throw StoreError.formatTooNew(path: path, version: version, supported: StoreSchema.formatVersion)
        }
        // A current store needs no migration; the migrator would take the write lock.
        if version == StoreSchema.formatVersion { return version }
        if version == 0, !isNew {
            let tables = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0 }
            if tables > 0 { throw StoreError.notAStore(path: path) }
        }
        try queue.writeWithoutTransaction { db in
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw StoreError.noWriteAheadLog(path: path)
            }
        }
        try StoreSchema.migrator.migrate(queue)
        return version
    }

    // MARK: Access with errors mapped

    /// One access outside any transaction: the cheap path for point lookups and single
    /// statements, which SQLite makes atomic on their own.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.inDatabase { db in
                try sharedRead.end(db)
                return try body(db)
            }
        } catch let error as DatabaseError { throw Self.storeError(error, path: path) }
    }

    public func snapshot<T>(_ body: (any StorageReads) throws -> T) throws -> T {
        do {
            try queue.inDatabase { db in try sharedRead.end(db) }
            return try queue.read { db in try body(SQLiteAccess(db: db)) }
        } catch let error as DatabaseError { throw Self.storeError(error, path: path) }
    }

    /// Runs `body` in an IMMEDIATE transaction: the write lock is taken up front, so that
    /// two publishers queue on the busy handler instead of failing on a lock upgrade, and
    /// the head revision cannot move while `body` runs. A committed publish is announced
    /// (see `StoreFileSignal`).
    public func write<T>(_ body: (any StorageTransaction) throws -> (T, commit: Bool)) throws -> T {
        do {
            var result: T?
            var published = false
            try queue.writeWithoutTransaction { db in
                try sharedRead.end(db)
                try db.inTransaction(.immediate) {
                    let head = try RecordTable.latestRevision(db)
                    let (value, commit) = try body(SQLiteAccess(db: db))
                    result = value
                    published = try commit && RecordTable.latestRevision(db) != head
                    return commit ? .commit : .rollback
                }
            }
            if published { StoreFileSignal.announcePublish(at: path) }
            return result!
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    public func pointRead(_ key: RecordKey) throws -> PointRead {
        do {
            return try queue.inDatabase { db in
                try sharedRead.begin(db)
                let (record, next) = try RecordTable.fetchOrNextKey(db, key)
                return PointRead(record: record, next: next, epoch: sharedRead.epoch)
            }
        } catch let error as DatabaseError { throw Self.storeError(error, path: path) }
    }

    public var readEpoch: Int { sharedRead.epoch }

    public func makeSpillArea() throws -> SpillArea {
        try read { db in try SpillTable.makeArea(db) }
    }

    public func spill(_ edits: [(key: RecordKey, edit: CandidateEdit?)], into area: SpillArea) throws {
        try read { db in try SpillTable.write(db, edits, into: area) }
    }

    public func dropSpillArea(_ area: SpillArea) throws {
        try read { db in try SpillTable.drop(db, area) }
    }

    /// Watches the store's file, which every publish touches (see `StoreFileSignal`).
    public func revisionSignal() throws -> any RevisionSignal {
        guard path != ":memory:" else { throw StoreError.unusable(path: path, reason: "a store in memory has no file to watch") }
        return try StoreFileSignal(path: path)
    }

    static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        let reason = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .damaged(path: path, reason: reason)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, seconds: Int(busyTimeout))
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_FULL: return .unusable(path: path, reason: reason)
        default: return .failed(path: path, reason: reason)
        }
    }

    // MARK: StorageReads at the head

    public func latestRevision() throws -> Int { try read { try SQLiteAccess(db: $0).latestRevision() } }

    public func record(_ key: RecordKey) throws -> ConfigModel.Record? { try read { try SQLiteAccess(db: $0).record(key) } }

    public func records(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(RecordKey, ConfigModel.Record)] {
        try read { try SQLiteAccess(db: $0).records(after: lower, inclusive: inclusive, below: upper, limit: limit) }
    }

    public func records(
        after lower: String, inclusive: Bool, below upper: String, limit: Int, possiblyContaining word: String
    ) throws -> [(RecordKey, ConfigModel.Record)] {
        try read { try SQLiteAccess(db: $0).records(after: lower, inclusive: inclusive, below: upper, limit: limit, possiblyContaining: word) }
    }

    public func entryKeys(_ range: EntryRange, limit: Int) throws -> [String] {
        try read { try SQLiteAccess(db: $0).entryKeys(range, limit: limit) }
    }

    public func countEntries(_ range: EntryRange, cap: Int) throws -> Int {
        try read { try SQLiteAccess(db: $0).countEntries(range, cap: cap) }
    }

    public func referrers(of target: RecordKey) throws -> [Referrer] {
        try read { try SQLiteAccess(db: $0).referrers(of: target) }
    }

    public func forEachChange(
        after: Int, upTo: Int?, under scope: RecordKey?, newestFirst: Bool,
        _ body: (LoggedChange) throws -> Bool
    ) throws {
        try read { try SQLiteAccess(db: $0).forEachChange(after: after, upTo: upTo, under: scope, newestFirst: newestFirst, body) }
    }

    public func changes(of revision: Int, after key: RecordKey?, limit: Int) throws -> [LoggedChange] {
        try read { try SQLiteAccess(db: $0).changes(of: revision, after: key, limit: limit) }
    }

    public func revisions(limit: Int?) throws -> [RevisionInfo] {
        try read { try SQLiteAccess(db: $0).revisions(limit: limit) }
    }

    public func revision(_ id: Int) throws -> RevisionInfo? {
        try read { try SQLiteAccess(db: $0).revision(id) }
    }

    public func candidateBase(of user: String) throws -> Int? {
        try read { try SQLiteAccess(db: $0).candidateBase(of: user) }
    }

    public func candidateEdits(of user: String, after key: RecordKey?, limit: Int) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try read { try SQLiteAccess(db: $0).candidateEdits(of: user, after: key, limit: limit) }
    }

    public func spilledEdits(
        in area: SpillArea, after lower: String, inclusive: Bool, below upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try read { try SQLiteAccess(db: $0).spilledEdits(in: area, after: lower, inclusive: inclusive, below: upper, limit: limit) }
    }
}

/// Opens SQLite stores.
public enum SQLiteStore {
    /// The store in the file at `path`, holding configurations of `schema` that keep `rules`.
    public static func open(
        at path: String, schema: SchemaNode, rules: [any ValidationRule], creating creation: StoreLocation.Creation = .file,
        onWait: (@Sendable () -> Void)? = nil
    ) throws -> RevisionedStore {
        RevisionedStore(storage: try SQLiteStorage(path: path, creating: creation, onWait: onWait), schema: schema, rules: rules)
    }

    /// A store in memory only, for tests and fuzzing.
    public static func inMemory(schema: SchemaNode, rules: [any ValidationRule]) throws -> RevisionedStore {
        RevisionedStore(storage: try SQLiteStorage.inMemory(), schema: schema, rules: rules)
    }
}

/// SQLite's busy handler: sleep a little and retry, say once that we are waiting, and give
/// up only after `SQLiteStorage.busyTimeout`.
private struct BusyWait: Sendable {
    let onWait: (@Sendable () -> Void)?
    static let pause: UInt32 = 5_000  // µs

    var callback: @Sendable (Int) -> Bool {
        let onWait = onWait
        let announceAt = Int(1_000_000 / Self.pause)
        let giveUpAt = Int(SQLiteStorage.busyTimeout * 1_000_000) / Int(Self.pause)
        return { tries in
            if tries == announceAt { onWait?() }
            guard tries < giveUpAt else { return false }
            usleep(Self.pause)
            return true
        }
    }
}
