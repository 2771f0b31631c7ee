import ConfigModel
import Synchronization

/// A `Storage` in memory: the engine's test double, as simple as it can be. Writes copy the
/// state and swap it in on commit, so a rolled-back transaction leaves nothing behind and
/// a snapshot is a copy; range reads sort what they look at. Meant for small tests, not for
/// size.
public final class MemoryStorage: Storage, Sendable {
    struct State: Sendable {
        var records: [RecordKey: Record] = [:]
        var revisions: [RevisionInfo] = []
        var changes: [LoggedChange] = []
        var references: Set<Reference> = []
        var candidates: [String: (base: Int, edits: [RecordKey: CandidateEdit])] = [:]
        var requests: [ChangeRequest] = []
        var confirmations: [String: PendingConfirmation] = [:]
        /// The storage's clock, in seconds: it moves only when a test moves it
        /// (`advanceClock`), so that a deadline passes without waiting for it.
        var now: Double = 0
        var audit: [AuditRecord] = []
    }

    struct Reference: Hashable, Sendable {
        let target: RecordKey
        let source: RecordKey
        let leaf: String
    }

    private let state = Mutex(State())
    /// Spill areas by number: outside `State`, as no transaction covers them.
    private let spills = SpilledEdits()
    /// The one signal of this storage's revisions, made when first asked for: every caller
    /// shares it, which is enough for the tests it serves.
    private let signal = Mutex<PipeSignal?>(nil)

    public init() {}

    public var location: String { "memory" }

    private var current: State { state.withLock { $0 } }

    public func snapshot<T>(_ body: (any StorageReads) throws -> T) throws -> T {
        try body(MemoryAccess(state: current, spills: spills))
    }

    public func write<T>(_ body: (any StorageTransaction) throws -> (T, commit: Bool)) throws -> T {
        // One writer at a time, as in a database: the lock is held for the whole transaction.
        try state.withLock { state in
            let access = MemoryAccess(state: state, spills: spills)
            let (result, commit) = try body(access)
            if commit {
                if access.state.revisions.count > state.revisions.count { signal.withLock { $0?.raise() } }
                state = access.state
            }
            return result
        }
    }

    public func revisionSignal() throws -> any RevisionSignal {
        try signal.withLock { signal in
            if let signal { return signal }
            let made = try PipeSignal()
            signal = made
            return made
        }
    }

    public func pointRead(_ key: RecordKey) throws -> PointRead {
        let state = current
        if let record = state.records[key] { return PointRead(record: record, next: nil, epoch: 0) }
        let next = state.records.keys.filter { key < $0 }.min()
        // Every read is of the latest state, so nothing learnt from one outlives it.
        return PointRead(record: nil, next: next, epoch: readEpochs.add(1, ordering: .relaxed).newValue)
    }

    private let readEpochs = Atomic<Int>(0)

    public var readEpoch: Int { readEpochs.load(ordering: .relaxed) }

    public func makeSpillArea() throws -> SpillArea { spills.makeArea() }

    public func spill(_ edits: [(key: RecordKey, edit: CandidateEdit?)], into area: SpillArea) throws {
        spills.write(edits, into: area)
    }

    public func dropSpillArea(_ area: SpillArea) throws { spills.drop(area) }

    /// Moves the storage's clock on, past deadlines of pending confirmations.
    public func advanceClock(by seconds: Double) {
        state.withLock { $0.now += seconds }
    }
}

/// The spill areas of a `MemoryStorage`.
private final class SpilledEdits: Sendable {
    private let areas = Mutex<(next: Int, edits: [Int: [RecordKey: CandidateEdit]])>((0, [:]))

    func makeArea() -> SpillArea {
        areas.withLock { areas in
            areas.next += 1
            areas.edits[areas.next] = [:]
            return SpillArea(number: areas.next)
        }
    }

    func write(_ edits: [(key: RecordKey, edit: CandidateEdit?)], into area: SpillArea) {
        areas.withLock { areas in
            for (key, edit) in edits { areas.edits[area.number]![key] = edit }
        }
    }

    func drop(_ area: SpillArea) {
        _ = areas.withLock { $0.edits.removeValue(forKey: area.number) }
    }

    func read(_ area: SpillArea, after lower: String, inclusive: Bool, below upper: String, limit: Int) -> [(key: RecordKey, edit: CandidateEdit)] {
        let from = RecordKey(encoded: lower), to = RecordKey(encoded: upper)
        let edits = areas.withLock { $0.edits[area.number] ?? [:] }
        let keys = edits.keys.filter { (inclusive ? from <= $0 : from < $0) && $0 < to }.sorted().prefix(limit)
        return keys.map { ($0, edits[$0]!) }
    }
}

/// Reads and writes of one state of a `MemoryStorage`.
private final class MemoryAccess: StorageTransaction {
    var state: MemoryStorage.State
    private let spills: SpilledEdits

    init(state: MemoryStorage.State, spills: SpilledEdits) {
        self.state = state
        self.spills = spills
    }

    func latestRevision() throws -> Int { state.revisions.last?.id ?? 0 }
    func record(_ key: RecordKey) throws -> Record? { state.records[key] }

    func records(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(RecordKey, Record)] {
        let from = RecordKey(encoded: lower), to = RecordKey(encoded: upper)
        let keys = state.records.keys.filter { (inclusive ? from <= $0 : from < $0) && $0 < to }.sorted().prefix(limit)
        return keys.map { ($0, state.records[$0]!) }
    }

    func entryKeys(_ range: EntryRange, limit: Int) throws -> [String] {
        Array(entries(in: range).prefix(limit))
    }

    func countEntries(_ range: EntryRange, cap: Int) throws -> Int {
        min(cap, entries(in: range).count)
    }

    private func entries(in range: EntryRange) -> [String] {
        let lower = RecordKey(encoded: range.lower), upper = RecordKey(encoded: range.upper)
        return state.records.keys.filter { lower <= $0 && $0 < upper }.sorted().compactMap { range.entryKey(of: $0) }
    }

    func referrers(of target: RecordKey) throws -> [Referrer] {
        state.references.filter { $0.target == target }.map { Referrer(record: $0.source, leaf: $0.leaf) }
            .sorted { ($0.record, $0.leaf) < ($1.record, $1.leaf) }
    }

    func forEachChange(
        after: Int, upTo: Int?, under scope: RecordKey?, newestFirst: Bool,
        _ body: (LoggedChange) throws -> Bool
    ) throws {
        let chosen = state.changes.filter { change in
            change.revision > after && upTo.map { change.revision <= $0 } ?? true
                && scope.map { change.key == $0 || change.key.isDescendant(of: $0) } ?? true
        }
        for change in newestFirst ? chosen.reversed() : chosen {
            guard try body(change) else { return }
        }
    }

    func changes(of revision: Int, after key: RecordKey?, limit: Int) throws -> [LoggedChange] {
        let chosen = state.changes.filter { change in change.revision == revision && key.map { $0 < change.key } ?? true }
        return Array(chosen.sorted { $0.key < $1.key }.prefix(limit))
    }

    func revisions(limit: Int?) throws -> [RevisionInfo] {
        Array(state.revisions.reversed().prefix(limit ?? .max))
    }

    func revision(_ id: Int) throws -> RevisionInfo? {
        state.revisions.first { $0.id == id }
    }

    func candidateBase(of user: String) throws -> Int? { state.candidates[user]?.base }

    func openChangeRequests() throws -> [ChangeRequest] { state.requests.filter { $0.state == .open } }

    func pendingCandidates() throws -> [PendingCandidate] {
        state.candidates.filter { !$0.value.edits.isEmpty }.sorted { $0.key < $1.key }.map { user, candidate in
            PendingCandidate(user: user, base: candidate.base, records: candidate.edits.count, edited: nil)
        }
    }

    func changeRequest(_ id: Int) throws -> ChangeRequest? { state.requests.first { $0.id == id } }

    func returnedRequests(of author: String) throws -> [ChangeRequest] {
        state.requests.filter { request in
            guard case .rejected = request.state else { return false }
            return request.author == author && state.candidates[ChangeRequest.owner(request.id)] != nil
        }
    }

    func candidateEdits(of user: String, after key: RecordKey?, limit: Int) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        let edits = state.candidates[user]?.edits ?? [:]
        return edits.keys.filter { candidate in key.map { $0 < candidate } ?? true }.sorted().prefix(limit).map { ($0, edits[$0]!) }
    }

    func spilledEdits(
        in area: SpillArea, after lower: String, inclusive: Bool, below upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        spills.read(area, after: lower, inclusive: inclusive, below: upper, limit: limit)
    }

    func auditRecords(after sequence: Int, limit: Int) throws -> [AuditRecord] {
        Array(state.audit.filter { $0.sequence > sequence }.prefix(limit))
    }

    func latestAuditRecords(limit: Int) throws -> [AuditRecord] { Array(state.audit.reversed().prefix(limit)) }

    func beginRevision(_ revision: Int, metadata: PublishMetadata) throws {
        try requireFollowsHead(revision)
        state.revisions.append(
            RevisionInfo(
                id: revision, user: metadata.user, time: Double(revision), source: metadata.source,
                comment: metadata.comment, changeCount: 0, approver: metadata.approver))
    }

    func finishRevision(_ revision: Int, size: Int) throws {
        try requireIsHead(revision)
        let begun = state.revisions.removeLast()
        state.revisions.append(
            RevisionInfo(
                id: revision, user: begun.user, time: begun.time, source: begun.source, comment: begun.comment, changeCount: size,
                approver: begun.approver))
    }

    func appendChanges(_ changes: ChangeSet, to revision: Int, references: ReferenceIndex) throws {
        try requireIsHead(revision)
        for change in changes.changes {
            state.records[change.key] = change.new
            state.changes.append(LoggedChange(revision: revision, key: change.key, old: change.old, new: change.new))
            for (target, leaf) in references.references(of: change.key, change.old) {
                state.references.remove(MemoryStorage.Reference(target: target, source: change.key, leaf: leaf))
            }
            for (target, leaf) in references.references(of: change.key, change.new) {
                state.references.insert(MemoryStorage.Reference(target: target, source: change.key, leaf: leaf))
            }
        }
    }

    func saveCandidate(of user: String, base: Int, edits: [(key: RecordKey, edit: CandidateEdit?)]) throws {
        var all = state.candidates[user]?.edits ?? [:]
        for (key, edit) in edits { all[key] = edit }
        state.candidates[user] = (base, all)
    }

    func replaceCandidate(of user: String, base: Int, edits: [RecordKey: CandidateEdit]) throws {
        state.candidates[user] = (base, edits)
    }

    func deleteCandidate(of user: String) throws {
        state.candidates[user] = nil
    }

    func openChangeRequest(_ request: NewChangeRequest) throws -> Int {
        let id = (state.requests.last?.id ?? 0) + 1
        state.requests.append(
            ChangeRequest(
                id: id, author: request.author, time: Double(id), base: request.base, changeCount: request.changeCount, comment: request.comment,
                digest: request.digest, state: .open))
        return id
    }

    func closeChangeRequest(_ id: Int, as closing: ChangeRequest.State) throws {
        guard let index = state.requests.firstIndex(where: { $0.id == id && $0.state == .open }) else {
            preconditionFailure("request \(id) is not open")
        }
        let open = state.requests[index]
        state.requests[index] = ChangeRequest(
            id: id, author: open.author, time: open.time, base: open.base, changeCount: open.changeCount, comment: open.comment,
            digest: open.digest, state: closing)
    }

    func pendingConfirmations() throws -> [PendingConfirmation] {
        state.confirmations.values.sorted { $0.deadline < $1.deadline }
    }

    func overdueConfirmation() throws -> PendingConfirmation? {
        try pendingConfirmations().first { $0.failure == nil && $0.deadline <= state.now }
    }

    func recordConfirmation(of revision: Int, by user: String, restores: Int, within seconds: Double) throws {
        state.confirmations[user] = PendingConfirmation(revision: revision, user: user, deadline: state.now + seconds, restores: restores)
    }

    func clearConfirmation(of user: String) throws -> PendingConfirmation? {
        guard let pending = state.confirmations[user], pending.failure != nil || pending.deadline > state.now else { return nil }
        state.confirmations[user] = nil
        return pending
    }

    func settleConfirmation(_ confirmation: PendingConfirmation, failure: String?) throws {
        precondition(confirmation.deadline <= state.now, "the confirmation of revision \(confirmation.revision) is not due yet")
        state.confirmations[confirmation.user] =
            failure.map {
                PendingConfirmation(
                    revision: confirmation.revision, user: confirmation.user, deadline: confirmation.deadline, restores: confirmation.restores,
                    failure: $0)
            }
    }

    func appendAudit(_ event: AuditEvent) throws {
        let last = state.audit.last.map { (sequence: $0.sequence, hash: $0.hash) }
        state.audit.append(AuditRecord(appending: event, after: last, time: AuditTime.now()))
    }
}
