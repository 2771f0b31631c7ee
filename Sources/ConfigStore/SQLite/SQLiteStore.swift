import ConfigModel
import Foundation
import GRDB
import Synchronization

/// The store in one SQLite file: WAL journal, synchronous FULL, a busy timeout so that
/// concurrent publishers queue instead of failing, and a format version checked on open.
public final class SQLiteStore: ConfigStore {
    public let path: String
    public let schema: SchemaNode
    /// Runs the rules a configuration must keep to be published.
    public let validator: Validator
    let queue: DatabaseQueue
    let referenceIndex: ReferenceIndex

    /// How long a writer waits for another before giving up, in seconds.
    static let busyTimeout: TimeInterval = 60

    /// Opens (creating if needed) the store at `path` for configurations of `schema` that
    /// keep `rules`. `onWait` is told once when another process has held the store for more
    /// than a second.
    public init(path: String, schema: SchemaNode, rules: [any ValidationRule],
                onWait: (@Sendable () -> Void)? = nil) throws {
        self.path = path
        self.schema = schema
        validator = Validator(rules: rules)
        referenceIndex = ReferenceIndex(schema: schema)
        let created = try StoreLocation.prepare(path)
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.configuration(onWait: onWait))
            try Self.checkAndMigrate(queue, path: path, isNew: created)
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    /// A store that lives in memory only, for tests and fuzzing.
    public init(inMemory schema: SchemaNode, rules: [any ValidationRule]) throws {
        path = ":memory:"
        self.schema = schema
        validator = Validator(rules: rules)
        referenceIndex = ReferenceIndex(schema: schema)
        queue = try DatabaseQueue(configuration: Self.configuration(onWait: nil))
        try StoreSchema.migrator.migrate(queue)
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
        // The one transaction left open between accesses is the shared read of a script's
        // point reads (`readRecordInSharedRead`), which every other access ends first.
        configuration.allowsUnsafeTransactions = true
        return configuration
    }

    private static func checkAndMigrate(_ queue: DatabaseQueue, path: String, isNew: Bool) throws {
        let version = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if version > StoreSchema.formatVersion {
            throw StoreError("store \(path) has format version \(version), newer than this dashell understands (\(StoreSchema.formatVersion)); use a newer dashell")
        }
        // A current store needs no migration; the migrator would take the write lock.
        if version == StoreSchema.formatVersion { return }
        if version == 0, !isNew {
            let tables = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0 }
            if tables > 0 { throw StoreError("\(path) is an SQLite database but not a dashell store") }
        }
        try queue.writeWithoutTransaction { db in
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw StoreError("store \(path) cannot use a write-ahead log (on a network file system?)")
            }
        }
        try StoreSchema.migrator.migrate(queue)
    }

    // MARK: Access with errors mapped

    /// One read outside any transaction: the cheap path for point lookups and single
    /// statements, which SQLite makes atomic on their own.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.inDatabase { db in
                try endSharedRead(db)
                return try body(db)
            }
        } catch let error as DatabaseError { throw Self.storeError(error, path: path) }
    }

    /// Several reads that must see one consistent state of the store.
    func snapshotRead<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            try queue.inDatabase { db in try endSharedRead(db) }
            return try queue.read(body)
        } catch let error as DatabaseError { throw Self.storeError(error, path: path) }
    }

    /// A record as a script's candidate first reads it. A script reads every record it
    /// edits, 100,000 for a bulk load, and a read transaction for each took and released
    /// SQLite's file locks (four `fcntl` calls) every time. These reads share one read
    /// transaction instead, begun by the first and ended as soon as anything else uses the
    /// connection: it spans a run of edits, and never a publish. It is renewed every
    /// second, so that a long script does not keep other processes' checkpoints from
    /// emptying the WAL. (The candidate keeps what each command read: see `seen`.)
    /// Also, when there is no record at `key`, the key of the next one (see `AbsentKeys`),
    /// and the shared read's `epoch`.
    func readRecordInSharedRead(_ key: RecordKey) throws -> (record: Record?, next: RecordKey?, epoch: Int) {
        do {
            return try queue.inDatabase { db in
                let now = DispatchTime.now().uptimeNanoseconds
                var isOpen = db.isInsideTransaction
                if isOpen, now &- sharedReadBegan > Self.sharedReadLifetime {
                    try db.commit()
                    isOpen = false
                }
                if !isOpen {
                    try db.beginTransaction(.deferred)
                    sharedReadBegan = now
                    sharedReadEpochs.wrappingAdd(1, ordering: .relaxed)
                }
                let (record, next) = try RecordTable.fetchOrNextKey(db, key)
                return (record, next, sharedReadEpoch)
            }
        } catch let error as DatabaseError { throw Self.storeError(error, path: path) }
    }

    /// Changes whenever a shared read begins or ends: what was learnt in one holds while
    /// the epoch is the one it was learnt in. Read without the queue (it is an atomic), so
    /// that a script's candidate can trust what it knows without a trip to the connection.
    var sharedReadEpoch: Int { sharedReadEpochs.load(ordering: .relaxed) }
    private let sharedReadEpochs = Atomic<Int>(0)

    /// When the current shared read began (uptime nanoseconds); touched only on `queue`.
    private var sharedReadBegan: UInt64 = 0
    private static let sharedReadLifetime: UInt64 = 1_000_000_000

    /// Every other use of the connection first ends the shared read; no other transaction
    /// outlives the call that opened it, so an open one is always that read.
    private func endSharedRead(_ db: Database) throws {
        guard db.isInsideTransaction else { return }
        try db.commit()
        sharedReadEpochs.wrappingAdd(1, ordering: .relaxed)
    }

    /// Runs `body` in an IMMEDIATE transaction: the write lock is taken up front, so that
    /// two publishers queue on the busy handler instead of failing on a lock upgrade.
    func write<T>(_ body: (Database) throws -> (T, commit: Bool)) throws -> T {
        do {
            var result: T?
            try queue.writeWithoutTransaction { db in
                try endSharedRead(db)
                try db.inTransaction(.immediate) {
                    let (value, commit) = try body(db)
                    result = value
                    return commit ? .commit : .rollback
                }
            }
            return result!
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            StoreError("store \(path) is damaged (\(error.message ?? "\(error.resultCode)")); move it aside and restore from a backup made with `dashell export --format set --include-secrets`")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            StoreError("store \(path) stayed locked by another process for \(Int(busyTimeout)) s; try again")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_FULL:
            StoreError("store \(path) cannot be used: \(error.message ?? "\(error.resultCode)")")
        default:
            StoreError("store \(path): \(error.message ?? "\(error.resultCode)")")
        }
    }

    // MARK: ConfigStore

    public func latestRevision() throws -> Int {
        try read(RecordTable.latestRevision)
    }

    public func published() -> any ConfigReader {
        view(overlay: [:])
    }

    public func configuration(atRevision revision: Int) throws -> any ConfigReader {
        let latest = try latestRevision()
        guard (0...latest).contains(revision) else { throw NoSuchRevision(revision: revision, latest: latest) }
        return view(overlay: try recordsAt(revision))
    }

    /// For every record changed after `revision`, its content at `revision`.
    func recordsAt(_ revision: Int) throws -> [RecordKey: Record?] {
        try snapshotRead { db in
            var records: [RecordKey: Record?] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT key, old FROM change WHERE revision > ? ORDER BY revision DESC", arguments: [revision])
            while let row = try rows.next() {
                let old: String? = row[1]
                records[RecordKey(encoded: row[0])] = .some(old.map(Record.init(encoded:)))
            }
            return records
        }
    }

    public func history(limit: Int?) throws -> [RevisionInfo] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, user, time, source, comment, changes FROM revision ORDER BY id DESC LIMIT ?",
                                        arguments: [limit ?? -1])
            return rows.map { RevisionInfo(id: $0[0], user: $0[1], time: $0[2], source: $0[3], comment: $0[4], changeCount: $0[5]) }
        }
    }

    public func changes(from: Int, to: Int, under scope: RecordKey) throws -> ChangeSet {
        let latest = try latestRevision()
        for revision in [from, to] where !(0...latest).contains(revision) {
            throw NoSuchRevision(revision: revision, latest: latest)
        }
        if from > to { return try changes(from: to, to: from, under: scope).inverted }
        return try read { db in
            var first: [RecordKey: Record?] = [:], last: [RecordKey: Record?] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT key, old, new FROM change WHERE revision > ? AND revision <= ? AND key >= ? AND key < ? ORDER BY revision
                """, arguments: [from, to, scope.encoded, scope.descendantsUpperBound])
            while let row = try rows.next() {
                let key = RecordKey(encoded: row[0])
                guard key == scope || key.isDescendant(of: scope) else { continue }
                let old: String? = row[1], new: String? = row[2]
                if first[key] == nil { first[key] = .some(old.map(Record.init(encoded:))) }
                last[key] = .some(new.map(Record.init(encoded:)))
            }
            return ChangeSet(first.compactMap { key, old in
                let new = last[key]!
                return old == new ? nil : RecordChange(key: key, old: old, new: new)
            })
        }
    }

    public func candidate(for user: String) throws -> any Candidate {
        try SQLiteCandidate(store: self, owner: user)
    }

    public func scratchCandidate() throws -> any Candidate {
        try SQLiteCandidate(store: self, owner: nil)
    }

    // MARK: Views

    /// The published records, read through the queue, with `overlay` on top.
    func view(overlay: [RecordKey: Record?]) -> OverlaidReader {
        OverlaidReader(schema: schema, overlay: overlay, underlying: UnderlyingRecords(
            record: { [unowned self] key in try read { db in try RecordTable.fetch(db, key) } },
            entryKeys: { [unowned self] range, limit in
                try read { db in try RecordTable.entryKeys(db, listLower: range.listLower, lower: range.lower, upper: range.upper, limit: limit) }
            },
            countEntries: { [unowned self] range, cap in
                try read { db in try RecordTable.countEntries(db, listLower: range.listLower, lower: range.lower, upper: range.upper, cap: cap) }
            },
            forEach: { [unowned self] ancestor, body in
                try RecordTable.forEach(under: ancestor, read: { chunk in try read(chunk) }, body)
            },
            referrers: { [unowned self] target in try read { db in try RecordTable.referrers(db, of: target) } }
        ))
    }

    /// The published records as seen inside a transaction on `db`, with `overlay` on top.
    func view(_ db: Database, overlay: [RecordKey: Record?]) -> OverlaidReader {
        OverlaidReader(schema: schema, overlay: overlay, underlying: UnderlyingRecords(
            record: { key in try RecordTable.fetch(db, key) },
            entryKeys: { range, limit in
                try RecordTable.entryKeys(db, listLower: range.listLower, lower: range.lower, upper: range.upper, limit: limit)
            },
            countEntries: { range, cap in
                try RecordTable.countEntries(db, listLower: range.listLower, lower: range.lower, upper: range.upper, cap: cap)
            },
            forEach: { ancestor, body in try RecordTable.forEach(under: ancestor, read: { chunk in try chunk(db) }, body) },
            referrers: { target in try RecordTable.referrers(db, of: target) }
        ))
    }
}

/// SQLite's busy handler: sleep a little and retry, say once that we are waiting, and give
/// up only after `SQLiteStore.busyTimeout`.
private struct BusyWait: Sendable {
    let onWait: (@Sendable () -> Void)?
    static let pause: UInt32 = 5_000 // µs

    var callback: @Sendable (Int) -> Bool {
        let onWait = onWait
        let announceAt = Int(1_000_000 / Self.pause)
        let giveUpAt = Int(SQLiteStore.busyTimeout * 1_000_000) / Int(Self.pause)
        return { tries in
            if tries == announceAt { onWait?() }
            guard tries < giveUpAt else { return false }
            usleep(Self.pause)
            return true
        }
    }
}
