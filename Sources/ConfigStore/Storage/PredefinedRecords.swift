import ConfigModel

/// A storage's records with the schema's predefined entries (`PredefinedEntry`) added where
/// it holds none: every view of every revision and candidate reads through this, so that a
/// predefined role exists for `show`, references, completion and validation without ever
/// being stored. A stored record of the same key wins.
struct PredefinedRecords: Sendable {
    /// In key order.
    let records: [(key: RecordKey, record: Record)]

    init(_ schema: SchemaNode) {
        records = schema.predefinedRecords()
    }

    var isEmpty: Bool { records.isEmpty }

    func record(_ key: RecordKey) -> Record? {
        records.first { $0.key == key }?.record
    }

    /// The predefined records with keys after `lower` (or at it, if `inclusive`) and below
    /// `upper`.
    func records(after lower: String, inclusive: Bool, below upper: String) -> [(RecordKey, Record)] {
        let lower = RecordKey(encoded: lower), upper = RecordKey(encoded: upper)
        return records.filter { (inclusive ? !($0.key < lower) : lower < $0.key) && $0.key < upper }.map { ($0.key, $0.record) }
    }

    /// `stored`, the storage's answer to a read of up to `limit` records from `lower` to
    /// `upper`, with the predefined records it lacks merged in: only those before the last
    /// stored record when the storage filled the page, so that the next page, read after
    /// the last key returned, misses none.
    func merged(
        _ stored: [(RecordKey, Record)], after lower: String, inclusive: Bool, below upper: String, limit: Int
    ) -> [(RecordKey, Record)] {
        guard !isEmpty else { return stored }
        let end = stored.count == limit ? stored.last.map { $0.0.encoded + "\u{0}" } ?? upper : upper
        let missing = records(after: lower, inclusive: inclusive, below: end).filter { key, _ in !stored.contains { $0.0 == key } }
        guard !missing.isEmpty else { return stored }
        return Array((stored + missing).sorted { $0.0 < $1.0 }.prefix(limit))
    }

    /// The keys of the predefined entries in `range` that `isStored` says the storage lacks.
    func entryKeys(in range: EntryRange, isStored: (RecordKey) throws -> Bool) rethrows -> [String] {
        var keys: [String] = []
        for (key, _) in records(after: range.lower, inclusive: true, below: range.upper) {
            if let entry = range.entryKey(of: key), try !isStored(key) { keys.append(entry) }
        }
        return keys
    }
}

/// `StorageReads` with the predefined records merged in: the reads of a storage, of one of
/// its snapshots, or of a write transaction.
protocol ReadsWithPredefinedRecords: StorageReads {
    associatedtype Base: StorageReads
    var base: Base { get }
    var predefined: PredefinedRecords { get }
}

extension ReadsWithPredefinedRecords {
    func latestRevision() throws -> Int { try base.latestRevision() }

    func record(_ key: RecordKey) throws -> Record? {
        try base.record(key) ?? predefined.record(key)
    }

    func records(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(RecordKey, Record)] {
        let stored = try base.records(after: lower, inclusive: inclusive, below: upper, limit: limit)
        return predefined.merged(stored, after: lower, inclusive: inclusive, below: upper, limit: limit)
    }

    func records(
        after lower: String, inclusive: Bool, below upper: String, limit: Int, possiblyContaining word: String
    ) throws -> [(RecordKey, Record)] {
        let stored = try base.records(after: lower, inclusive: inclusive, below: upper, limit: limit, possiblyContaining: word)
        return predefined.merged(stored, after: lower, inclusive: inclusive, below: upper, limit: limit)
    }

    func entryKeys(_ range: EntryRange, limit: Int) throws -> [String] {
        let stored = try base.entryKeys(range, limit: limit)
        let missing = try predefined.entryKeys(in: range) { try base.record($0) != nil }
        guard !missing.isEmpty else { return stored }
        let end = stored.count == limit ? stored.last : nil
        let merged = stored + missing.filter { key in !stored.contains(key) && end.map { UTF8Bytes.compare(key, $0) < 0 } ?? true }
        return Array(merged.sorted { UTF8Bytes.compare($0, $1) < 0 }.prefix(limit))
    }

    func countEntries(_ range: EntryRange, cap: Int) throws -> Int {
        let stored = try base.countEntries(range, cap: cap)
        return min(cap, stored + (try predefined.entryKeys(in: range) { try base.record($0) != nil }).count)
    }

    func referrers(of target: RecordKey) throws -> [Referrer] { try base.referrers(of: target) }

    func forEachChange(
        after: Int, upTo: Int?, under scope: RecordKey?, newestFirst: Bool, _ body: (LoggedChange) throws -> Bool
    ) throws {
        try base.forEachChange(after: after, upTo: upTo, under: scope, newestFirst: newestFirst, body)
    }

    func changes(of revision: Int, after key: RecordKey?, limit: Int) throws -> [LoggedChange] {
        try base.changes(of: revision, after: key, limit: limit)
    }

    func revisions(limit: Int?) throws -> [RevisionInfo] { try base.revisions(limit: limit) }

    func revision(_ id: Int) throws -> RevisionInfo? { try base.revision(id) }

    func candidateBase(of user: String) throws -> Int? { try base.candidateBase(of: user) }
    func openChangeRequests() throws -> [ChangeRequest] { try base.openChangeRequests() }
    func pendingCandidates() throws -> [PendingCandidate] { try base.pendingCandidates() }
    func changeRequest(_ id: Int) throws -> ChangeRequest? { try base.changeRequest(id) }
    func returnedRequests(of author: String) throws -> [ChangeRequest] { try base.returnedRequests(of: author) }

    func candidateEdits(of user: String, after key: RecordKey?, limit: Int) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try base.candidateEdits(of: user, after: key, limit: limit)
    }

    func spilledEdits(
        in area: SpillArea, after lower: String, inclusive: Bool, below upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try base.spilledEdits(in: area, after: lower, inclusive: inclusive, below: upper, limit: limit)
    }

    func pendingConfirmations() throws -> [PendingConfirmation] { try base.pendingConfirmations() }

    func overdueConfirmation() throws -> PendingConfirmation? { try base.overdueConfirmation() }

    func auditRecords(after sequence: Int, limit: Int) throws -> [AuditRecord] { try base.auditRecords(after: sequence, limit: limit) }

    func latestAuditRecords(limit: Int) throws -> [AuditRecord] { try base.latestAuditRecords(limit: limit) }
}

/// A snapshot's reads with the predefined records.
struct SnapshotWithPredefinedRecords<Base: StorageReads>: ReadsWithPredefinedRecords {
    let base: Base
    let predefined: PredefinedRecords
}

/// A write transaction with the predefined records in its reads; its writes go to the
/// storage as they are.
struct TransactionWithPredefinedRecords<Base: StorageTransaction>: ReadsWithPredefinedRecords, StorageTransaction {
    let base: Base
    let predefined: PredefinedRecords

    func beginRevision(_ revision: Int, metadata: PublishMetadata) throws { try base.beginRevision(revision, metadata: metadata) }

    func appendChanges(_ changes: ChangeSet, to revision: Int, references: ReferenceIndex) throws {
        try base.appendChanges(changes, to: revision, references: references)
    }

    func finishRevision(_ revision: Int, size: Int) throws { try base.finishRevision(revision, size: size) }

    func saveCandidate(of user: String, base revision: Int, edits: [(key: RecordKey, edit: CandidateEdit?)]) throws {
        try base.saveCandidate(of: user, base: revision, edits: edits)
    }

    func replaceCandidate(of user: String, base revision: Int, edits: [RecordKey: CandidateEdit]) throws {
        try base.replaceCandidate(of: user, base: revision, edits: edits)
    }

    func deleteCandidate(of user: String) throws { try base.deleteCandidate(of: user) }
    func openChangeRequest(_ request: NewChangeRequest) throws -> Int { try base.openChangeRequest(request) }
    func closeChangeRequest(_ id: Int, as state: ChangeRequest.State) throws { try base.closeChangeRequest(id, as: state) }

    func recordConfirmation(of revision: Int, by user: String, restores: Int, within seconds: Double) throws {
        try base.recordConfirmation(of: revision, by: user, restores: restores, within: seconds)
    }

    func clearConfirmation(of user: String) throws -> PendingConfirmation? { try base.clearConfirmation(of: user) }

    func settleConfirmation(_ confirmation: PendingConfirmation, failure: String?) throws {
        try base.settleConfirmation(confirmation, failure: failure)
    }

    func appendAudit(_ event: AuditEvent) throws { try base.appendAudit(event) }
}

/// A storage whose every read has the predefined records; what `RevisionedStore` reads and
/// writes through.
final class StorageWithPredefinedRecords<Base: Storage>: Storage {
    let base: Base
    let predefined: PredefinedRecords
    /// Reads at the head, through the storage's own.
    private let head: SnapshotWithPredefinedRecords<Base>

    init(_ base: Base, predefined: PredefinedRecords) {
        self.base = base
        self.predefined = predefined
        head = SnapshotWithPredefinedRecords(base: base, predefined: predefined)
    }

    var location: String { base.location }

    func snapshot<T>(_ body: (any StorageReads) throws -> T) throws -> T {
        try base.snapshot { reads in try body(Self.withPredefined(reads, predefined)) }
    }

    func write<T>(_ body: (any StorageTransaction) throws -> (T, commit: Bool)) throws -> T {
        try base.write { transaction in try body(Self.withPredefined(transaction, predefined)) }
    }

    private static func withPredefined<Reads: StorageReads>(_ reads: Reads, _ predefined: PredefinedRecords) -> any StorageReads {
        SnapshotWithPredefinedRecords(base: reads, predefined: predefined)
    }

    private static func withPredefined<Transaction: StorageTransaction>(
        _ transaction: Transaction, _ predefined: PredefinedRecords
    ) -> any StorageTransaction {
        TransactionWithPredefinedRecords(base: transaction, predefined: predefined)
    }

    /// A point read finds a predefined record where the storage has none, and its next key
    /// stops at the next predefined one, so that what it says is absent is absent.
    func pointRead(_ key: RecordKey) throws -> PointRead {
        let read = try base.pointRead(key)
        guard read.record == nil, !predefined.isEmpty else { return read }
        if let record = predefined.record(key) { return PointRead(record: record, next: nil, epoch: read.epoch) }
        let nextPredefined = predefined.records.first { candidate in
            key < candidate.key && read.next.map { candidate.key < $0 } ?? true
        }?.key
        return nextPredefined.map { PointRead(record: nil, next: $0, epoch: read.epoch) } ?? read
    }

    var readEpoch: Int { base.readEpoch }

    func makeSpillArea() throws -> SpillArea { try base.makeSpillArea() }

    func spill(_ edits: [(key: RecordKey, edit: CandidateEdit?)], into area: SpillArea) throws {
        try base.spill(edits, into: area)
    }

    func dropSpillArea(_ area: SpillArea) throws { try base.dropSpillArea(area) }

    func reconnect() throws { try base.reconnect() }

    func revisionSignal() throws -> any RevisionSignal { try base.revisionSignal() }

    // MARK: Reads at the head

    func latestRevision() throws -> Int { try head.latestRevision() }

    func record(_ key: RecordKey) throws -> Record? { try head.record(key) }

    func records(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(RecordKey, Record)] {
        try head.records(after: lower, inclusive: inclusive, below: upper, limit: limit)
    }

    func records(
        after lower: String, inclusive: Bool, below upper: String, limit: Int, possiblyContaining word: String
    ) throws -> [(RecordKey, Record)] {
        try head.records(after: lower, inclusive: inclusive, below: upper, limit: limit, possiblyContaining: word)
    }

    func entryKeys(_ range: EntryRange, limit: Int) throws -> [String] { try head.entryKeys(range, limit: limit) }

    func countEntries(_ range: EntryRange, cap: Int) throws -> Int { try head.countEntries(range, cap: cap) }

    func referrers(of target: RecordKey) throws -> [Referrer] { try head.referrers(of: target) }

    func forEachChange(
        after: Int, upTo: Int?, under scope: RecordKey?, newestFirst: Bool, _ body: (LoggedChange) throws -> Bool
    ) throws {
        try head.forEachChange(after: after, upTo: upTo, under: scope, newestFirst: newestFirst, body)
    }

    func changes(of revision: Int, after key: RecordKey?, limit: Int) throws -> [LoggedChange] {
        try head.changes(of: revision, after: key, limit: limit)
    }

    func revisions(limit: Int?) throws -> [RevisionInfo] { try head.revisions(limit: limit) }

    func revision(_ id: Int) throws -> RevisionInfo? { try head.revision(id) }

    func candidateBase(of user: String) throws -> Int? { try head.candidateBase(of: user) }
    func openChangeRequests() throws -> [ChangeRequest] { try head.openChangeRequests() }
    func pendingCandidates() throws -> [PendingCandidate] { try head.pendingCandidates() }
    func changeRequest(_ id: Int) throws -> ChangeRequest? { try head.changeRequest(id) }
    func returnedRequests(of author: String) throws -> [ChangeRequest] { try head.returnedRequests(of: author) }

    func candidateEdits(of user: String, after key: RecordKey?, limit: Int) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try head.candidateEdits(of: user, after: key, limit: limit)
    }

    func spilledEdits(
        in area: SpillArea, after lower: String, inclusive: Bool, below upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try head.spilledEdits(in: area, after: lower, inclusive: inclusive, below: upper, limit: limit)
    }

    func pendingConfirmations() throws -> [PendingConfirmation] { try head.pendingConfirmations() }

    func overdueConfirmation() throws -> PendingConfirmation? { try head.overdueConfirmation() }

    func auditRecords(after sequence: Int, limit: Int) throws -> [AuditRecord] { try head.auditRecords(after: sequence, limit: limit) }

    func latestAuditRecords(limit: Int) throws -> [AuditRecord] { try head.latestAuditRecords(limit: limit) }
}

extension RevisionedStore {
    /// `storage` with the schema's predefined entries in its reads; `storage` itself when the
    /// schema has none.
    static func withPredefinedRecords(_ storage: any Storage, schema: SchemaNode) -> any Storage {
        let predefined = PredefinedRecords(schema)
        guard !predefined.isEmpty else { return storage }
        func wrap<Base: Storage>(_ base: Base) -> any Storage { StorageWithPredefinedRecords(base, predefined: predefined) }
        return wrap(storage)
    }
}
