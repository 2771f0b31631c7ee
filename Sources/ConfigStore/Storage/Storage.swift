import ConfigModel

/// What a database must do for dashell, and no more: records by key, the change log of
/// the revisions, the reference index, and each user's persisted candidate. Everything
/// that makes a candidate a candidate (overlay, undo, merge, the publish sequence) is
/// written once above this, in `RevisionedStore` and `StoredCandidate`.
///
/// Reads made straight on a `Storage` each see the latest state on their own; several
/// reads that must agree go through `snapshot`; every write goes through `write`, one
/// transaction that sees what it writes and whose head revision cannot move under it.
public protocol Storage: StorageReads, AnyObject {
    /// Where the data is, as `--store` names it (a file, a server and database).
    var location: String { get }

    /// Runs `body` on one consistent state of the store.
    func snapshot<T>(_ body: (any StorageReads) throws -> T) throws -> T

    /// Runs `body` in one write transaction, committed when it says so (rolled back when it
    /// throws or says not to). Concurrent writers queue; none sees another's half-done work.
    func write<T>(_ body: (any StorageTransaction) throws -> (T, commit: Bool)) throws -> T

    /// A record as a script's candidate first reads it, with the key of the next record
    /// when there is none at `key` (see `AbsentKeys`), and the `readEpoch` the read was made
    /// in. A storage may serve these from a read it keeps open between calls; what it
    /// returns then holds while `readEpoch` is unchanged.
    func pointRead(_ key: RecordKey) throws -> PointRead

    /// Changes whenever what `pointRead` answers from may have moved on (see `pointRead`).
    var readEpoch: Int { get }

    /// A new, empty spill area (see `SpillArea`).
    func makeSpillArea() throws -> SpillArea

    /// Writes edits into `area`, replacing the edit of each key (nil: the key has none).
    func spill(_ edits: [(key: RecordKey, edit: CandidateEdit?)], into area: SpillArea) throws

    /// Forgets `area` and everything in it.
    func dropSpillArea(_ area: SpillArea) throws

    /// Connects again to a store whose connection was lost (`StoreError.unreachable`).
    /// Spill areas made before are gone: candidates are to be opened anew.
    func reconnect() throws

    /// A new signal of the revisions published in this storage from now on, by this process
    /// or any other (see `RevisionSignal`).
    func revisionSignal() throws -> any RevisionSignal
}

/// Reads at the head, for a storage whose snapshot is as cheap as any read (one in memory):
/// each is a snapshot of its own. A database answers them more cheaply outside one.
extension Storage {
    /// A file or memory is never lost: there is nothing to connect to again.
    public func reconnect() throws {}

    public func latestRevision() throws -> Int { try snapshot { try $0.latestRevision() } }
    public func record(_ key: RecordKey) throws -> Record? { try snapshot { try $0.record(key) } }

    public func records(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(RecordKey, Record)] {
        try snapshot { try $0.records(after: lower, inclusive: inclusive, below: upper, limit: limit) }
    }

    public func records(
        after lower: String, inclusive: Bool, below upper: String, limit: Int, possiblyContaining word: String
    ) throws -> [(RecordKey, Record)] {
        try snapshot { try $0.records(after: lower, inclusive: inclusive, below: upper, limit: limit, possiblyContaining: word) }
    }

    public func entryKeys(_ range: EntryRange, limit: Int) throws -> [String] { try snapshot { try $0.entryKeys(range, limit: limit) } }
    public func countEntries(_ range: EntryRange, cap: Int) throws -> Int { try snapshot { try $0.countEntries(range, cap: cap) } }
    public func referrers(of target: RecordKey) throws -> [Referrer] { try snapshot { try $0.referrers(of: target) } }

    public func forEachChange(
        after: Int, upTo: Int?, under scope: RecordKey?, newestFirst: Bool,
        _ body: (LoggedChange) throws -> Bool
    ) throws {
        try snapshot { try $0.forEachChange(after: after, upTo: upTo, under: scope, newestFirst: newestFirst, body) }
    }

    public func changes(of revision: Int, after key: RecordKey?, limit: Int) throws -> [LoggedChange] {
        try snapshot { try $0.changes(of: revision, after: key, limit: limit) }
    }

    public func revisions(limit: Int?) throws -> [RevisionInfo] { try snapshot { try $0.revisions(limit: limit) } }
    public func revision(_ id: Int) throws -> RevisionInfo? { try snapshot { try $0.revision(id) } }
    public func candidateBase(of user: String) throws -> Int? { try snapshot { try $0.candidateBase(of: user) } }
    public func openChangeRequests() throws -> [ChangeRequest] { try snapshot { try $0.openChangeRequests() } }
    public func pendingCandidates() throws -> [PendingCandidate] { try snapshot { try $0.pendingCandidates() } }
    public func changeRequest(_ id: Int) throws -> ChangeRequest? { try snapshot { try $0.changeRequest(id) } }
    public func returnedRequests(of author: String) throws -> [ChangeRequest] { try snapshot { try $0.returnedRequests(of: author) } }

    public func candidateEdits(of user: String, after key: RecordKey?, limit: Int) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try snapshot { try $0.candidateEdits(of: user, after: key, limit: limit) }
    }

    public func spilledEdits(
        in area: SpillArea, after lower: String, inclusive: Bool, below upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)] {
        try snapshot { try $0.spilledEdits(in: area, after: lower, inclusive: inclusive, below: upper, limit: limit) }
    }

    public func pendingConfirmations() throws -> [PendingConfirmation] { try snapshot { try $0.pendingConfirmations() } }
    public func overdueConfirmation() throws -> PendingConfirmation? { try snapshot { try $0.overdueConfirmation() } }
    public func auditRecords(after sequence: Int, limit: Int) throws -> [AuditRecord] {
        try snapshot { try $0.auditRecords(after: sequence, limit: limit) }
    }

    public func latestAuditRecords(limit: Int) throws -> [AuditRecord] { try snapshot { try $0.latestAuditRecords(limit: limit) } }
}

/// Reads that leave the filtering to the caller.
extension StorageReads {
    public func records(
        after lower: String, inclusive: Bool, below upper: String, limit: Int, possiblyContaining word: String
    ) throws -> [(RecordKey, Record)] {
        try records(after: lower, inclusive: inclusive, below: upper, limit: limit)
    }
}

extension StorageTransaction {
    /// Refuses a revision that does not follow the head: appending it would fork or lose
    /// history. A write transaction holds the head still, so only a caller's miscount can.
    public func requireFollowsHead(_ revision: Int) throws {
        let head = try latestRevision()
        precondition(revision == head + 1, "revision \(revision) does not follow the head \(head)")
    }

    /// Refuses to add to a revision other than the one this transaction began, the head.
    public func requireIsHead(_ revision: Int) throws {
        let head = try latestRevision()
        precondition(revision == head, "revision \(revision) is not the one being appended (the head is \(head))")
    }
}

/// The answer of `Storage.pointRead`.
public struct PointRead: Sendable {
    public let record: Record?
    /// When `record` is nil: the next key there is (nil: none), so that every key between
    /// is known to be absent too.
    public let next: RecordKey?
    public let epoch: Int

    public init(record: Record?, next: RecordKey?, epoch: Int) {
        self.record = record
        self.next = next
        self.epoch = epoch
    }
}

/// Reads of the published configuration, its history and the persisted candidates.
public protocol StorageReads {
    /// The newest revision number; 0 when nothing was ever published.
    func latestRevision() throws -> Int

    /// The published record at `key`.
    func record(_ key: RecordKey) throws -> Record?

    /// Up to `limit` published records with keys after `lower` (or at it, if `inclusive`)
    /// and below `upper`, in key order.
    func records(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(RecordKey, Record)]

    /// The same, except that records whose key and leaves do not contain `word` (ASCII,
    /// lower case; compared ignoring ASCII case) may be left out: a database filters them in
    /// its scan. Some that do not contain it may still come.
    func records(after lower: String, inclusive: Bool, below upper: String, limit: Int, possiblyContaining word: String) throws -> [(RecordKey, Record)]

    /// Up to `limit` keys of the published entries in `range`, in key order.
    func entryKeys(_ range: EntryRange, limit: Int) throws -> [String]

    /// How many published entries lie in `range`, counting no further than `cap`.
    func countEntries(_ range: EntryRange, cap: Int) throws -> Int

    /// The published records whose reference leaves name `target`, from the index.
    func referrers(of target: RecordKey) throws -> [Referrer]

    /// The records changed by the revisions after `after` up to `upTo` (nil: the latest),
    /// oldest first or newest first, within `scope` when given (the record and its
    /// subtree). `body` returns false to stop.
    func forEachChange(
        after: Int, upTo: Int?, under scope: RecordKey?, newestFirst: Bool,
        _ body: (LoggedChange) throws -> Bool) throws

    /// Up to `limit` of the records revision `revision` changed, with keys after `key` (nil:
    /// from the first), in key order: a large revision read back a window at a time.
    func changes(of revision: Int, after key: RecordKey?, limit: Int) throws -> [LoggedChange]

    /// Revisions, newest first; `limit` bounds how many.
    func revisions(limit: Int?) throws -> [RevisionInfo]

    /// Revision `id`, if it was published.
    func revision(_ id: Int) throws -> RevisionInfo?

    /// The base revision of `user`'s persisted candidate, if there is one.
    func candidateBase(of user: String) throws -> Int?

    /// Up to `limit` edits of `user`'s persisted candidate with keys after `key` (nil: from
    /// the first), in key order: a large candidate is read back a page at a time.
    func candidateEdits(of user: String, after key: RecordKey?, limit: Int) throws -> [(key: RecordKey, edit: CandidateEdit)]

    /// Up to `limit` edits spilled into `area` with keys after `lower` (or at it, if
    /// `inclusive`) and below `upper`, in key order.
    func spilledEdits(
        in area: SpillArea, after lower: String, inclusive: Bool, below upper: String, limit: Int
    ) throws -> [(key: RecordKey, edit: CandidateEdit)]

    /// The change requests still open, oldest first.
    func openChangeRequests() throws -> [ChangeRequest]

    /// Every persisted candidate that holds edits, by user (requests' included).
    func pendingCandidates() throws -> [PendingCandidate]

    /// Change request `id`, open or closed.
    func changeRequest(_ id: Int) throws -> ChangeRequest?

    /// `author`'s rejected requests whose changes have not gone back to the author's
    /// candidate yet (their edits are still kept as `ChangeRequest.owner`'s), oldest first.
    func returnedRequests(of author: String) throws -> [ChangeRequest]

    /// Every pending or failed confirmation (see `PendingConfirmation`), soonest deadline first.
    func pendingConfirmations() throws -> [PendingConfirmation]

    /// The pending confirmation with the soonest deadline, if that deadline has passed by the
    /// store's clock and its revert has not failed: what every dashell command asks first,
    /// so one indexed read.
    func overdueConfirmation() throws -> PendingConfirmation?

    /// Up to `limit` records of the audit trail after sequence number `sequence`, in
    /// sequence order (what `audit verify` reads, a page at a time).
    func auditRecords(after sequence: Int, limit: Int) throws -> [AuditRecord]

    /// The last `limit` records of the audit trail, newest first (`show audit`).
    func latestAuditRecords(limit: Int) throws -> [AuditRecord]
}

/// What a write transaction may do besides reading.
public protocol StorageTransaction: StorageReads {
    /// Starts revision `revision`, which must be the head plus one, with who publishes it:
    /// within this transaction it is the head from here on. Its changes follow
    /// (`appendChanges`), then its size (`finishRevision`). A storage whose head moved
    /// refuses (compare-and-set on the head).
    func beginRevision(_ revision: Int, metadata: PublishMetadata) throws

    /// Writes `changes`, in key order, as part of revision `revision`, begun in this
    /// transaction: the published records, the change log and the reference index. A large
    /// revision comes in several calls, in key order.
    func appendChanges(_ changes: ChangeSet, to revision: Int, references: ReferenceIndex) throws

    /// Records how many leaves revision `revision`, begun in this transaction, changes.
    func finishRevision(_ revision: Int, size: Int) throws

    /// Stores `user`'s base revision and the given edits (nil: the edit of that key is gone),
    /// and the time now as when the candidate last changed.
    func saveCandidate(of user: String, base: Int, edits: [(key: RecordKey, edit: CandidateEdit?)]) throws

    /// Replaces `user`'s whole persisted candidate.
    func replaceCandidate(of user: String, base: Int, edits: [RecordKey: CandidateEdit]) throws

    /// Forgets `user`'s candidate (after it was published).
    func deleteCandidate(of user: String) throws

    /// Records a new open change request, numbered after every earlier one and stamped
    /// with the time now; returns its number. Its edits go in as `ChangeRequest.owner`'s
    /// candidate, in the same transaction.
    func openChangeRequest(_ request: NewChangeRequest) throws -> Int

    /// Closes open request `id` as `state` says (approved or rejected).
    func closeChangeRequest(_ id: Int, as state: ChangeRequest.State) throws

    /// Records that `revision`, just published by `user`, reverts to `restores` unless
    /// confirmed within `seconds` by the store's clock; replaces any of `user`'s before.
    func recordConfirmation(of revision: Int, by user: String, restores: Int, within seconds: Double) throws

    /// Forgets `user`'s pending confirmation and returns it, unless its deadline has passed
    /// with the revert still to come: that one is the revert's to settle. A failed revert's
    /// is forgotten too (its administrator has seen it).
    func clearConfirmation(of user: String) throws -> PendingConfirmation?

    /// Settles an overdue confirmation once its revert was tried: forgotten when the revert
    /// was published (`failure` nil), else kept with why it failed. One not due by the
    /// store's clock is never settled: left as it is, or refused.
    func settleConfirmation(_ confirmation: PendingConfirmation, failure: String?) throws

    /// Appends `event` to the audit trail (SPEC §12): numbered after the last record, timed
    /// by the store's clock and chained to the last record's hash (see `AuditRecord`). The
    /// one way records are written: inside a publish's transaction, so that they commit
    /// together, or in a transaction of its own (a refusal). Appends queue as writers do,
    /// so that concurrent ones keep one chain. Records are never changed nor removed.
    func appendAudit(_ event: AuditEvent) throws
}

/// One record as a revision changed it.
public struct LoggedChange: Sendable {
    public let revision: Int
    public let key: RecordKey
    public let old: Record?
    public let new: Record?

    public init(revision: Int, key: RecordKey, old: Record?, new: Record?) {
        self.revision = revision
        self.key = key
        self.old = old
        self.new = new
    }
}

/// A record as a candidate first saw it (`base`) and as it edited it (`new`; nil: deleted).
public struct CandidateEdit: Equatable, Sendable {
    public let base: Record?
    public let new: Record?

    public init(base: Record?, new: Record?) {
        self.base = base
        self.new = new
    }
}

/// A storage's own place for the edits of a candidate too large to hold in memory (a
/// million users imported in one go): the candidate keeps its newest edits in memory and
/// moves them here in key order when they grow past a threshold, then reads them back in
/// windows. An area belongs to the storage that made it, which alone sees it: another
/// process, or another connection, never does. It is not part of any transaction (a
/// rolled-back publish leaves it as it was), lasts no longer than the storage is open, and
/// nothing in it survives a crash: a database keeps it in a temporary table.
public struct SpillArea: Hashable, Sendable {
    public let number: Int

    public init(number: Int) {
        self.number = number
    }
}

extension SchemaNode {
    /// Whether a list appears anywhere below this node.
    fileprivate var holdsLists: Bool {
        children.contains { $0.isList || $0.holdsLists }
    }
}

/// The keys of a list's entries that start with a prefix, as a range of record keys.
public struct EntryRange: Sendable {
    /// Where the list's descendants begin: every entry key is this plus the entry's key.
    public let listLower: String
    /// Where the entries with the prefix begin: every one starts with this.
    public let prefixLower: String
    /// The range's first key (inclusive): `prefixLower`, or past a page already read.
    public let lower: String
    public let upper: String

    /// Whether every record in the range is an entry of the list: true when its entries hold
    /// no lists of their own (containers inside an entry are part of its record), so that a
    /// count is a count of the range's records.
    public let holdsOnlyEntries: Bool

    public init(list: ConfigPath, prefix: String, holdsOnlyEntries: Bool = false) {
        listLower = RecordKey(list).descendantsLowerBound
        prefixLower = listLower + prefix
        lower = prefixLower
        upper = prefixLower + "\u{10FFFF}"
        self.holdsOnlyEntries = holdsOnlyEntries
    }

    /// The range of the entries of `list` in `schema` that start with `prefix`.
    public init(list: ConfigPath, prefix: String, in schema: SchemaNode) {
        self.init(list: list, prefix: prefix, holdsOnlyEntries: schema.node(at: list).map { !$0.holdsLists } ?? false)
    }

    /// The same range, from just after the entry `key` on. No key holds a character below
    /// a blank, so the least key after `key` is at least `key` and a blank.
    public func after(_ key: String) -> EntryRange {
        EntryRange(listLower: listLower, prefixLower: prefixLower, lower: listLower + key + " ", upper: upper, holdsOnlyEntries: holdsOnlyEntries)
    }

    private init(listLower: String, prefixLower: String, lower: String, upper: String, holdsOnlyEntries: Bool) {
        self.listLower = listLower
        self.prefixLower = prefixLower
        self.lower = lower
        self.upper = upper
        self.holdsOnlyEntries = holdsOnlyEntries
    }

    /// The entry's own key, when `key` is a direct entry of the list with the prefix.
    public func entryKey(of key: RecordKey) -> String? {
        // Over the bytes: a completion merges hundreds of these per TAB, a search millions.
        UTF8Bytes.with(key.encoded) { bytes in
            UTF8Bytes.with(prefixLower) { prefix in
                guard bytes.count >= prefix.count, prefix.elementsEqual(bytes[..<prefix.count]) else { return nil }
                let entry = bytes[listLower.utf8.count...]
                return entry.contains(0x1F) ? nil : String(decoding: UnsafeBufferPointer(rebasing: entry), as: UTF8.self)
            }
        }
    }
}
