import ConfigModel

/// Revisions and candidates over any `Storage`: the one implementation of `ConfigStore`.
/// The storage keeps records, the change log and candidates' rows; this keeps what they
/// mean (views of a revision, history, changes between revisions).
public final class RevisionedStore: ConfigStore {
    /// The storage as given.
    public let storage: any Storage
    /// The storage as every view reads it: with the schema's predefined entries.
    let contents: any Storage
    public let schema: SchemaNode
    /// Runs the rules a configuration must keep to be published.
    public let validator: Validator
    /// Who may change what, checked again at every publish.
    public let policy: any AccessPolicy
    let references: ReferenceIndex
    /// Records a candidate holds in memory before it spills them to the storage (see
    /// `SpillArea`).
    let spillThreshold: Int

    /// Records per window in which a spilled candidate is read back: never more than memory
    /// holds before spilling.
    var windowSize: Int { min(spillThreshold, 20_000) }

    /// Enough for 100,000 users at once, few enough that a million stay within SPEC §9's
    /// memory budget.
    public static let defaultSpillThreshold = 150_000

    /// A store of configurations of `schema` that keep `rules`, in `storage`.
    public init(
        storage: any Storage, schema: SchemaNode, rules: [any ValidationRule], policy: any AccessPolicy = UnrestrictedAccess(),
        spillThreshold: Int = defaultSpillThreshold
    ) {
        self.policy = policy
        self.storage = storage
        contents = Self.withPredefinedRecords(storage, schema: schema)
        self.schema = schema
        validator = Validator(rules: rules)
        references = ReferenceIndex(schema: schema)
        self.spillThreshold = spillThreshold
    }

    public var location: String { contents.location }

    public func latestRevision() throws -> Int {
        try contents.latestRevision()
    }

    public func published() -> any ConfigReader {
        OverlaidReader(schema: schema, overlay: RecordTableOverlay.empty, underlying: contents)
    }

    public func configuration(atRevision revision: Int) throws -> any ConfigReader {
        let latest = try latestRevision()
        guard (0...latest).contains(revision) else { throw NoSuchRevision(revision: revision, latest: latest) }
        return OverlaidReader(schema: schema, overlay: RecordTableOverlay(try recordsAt(revision)), underlying: contents)
    }

    /// For every record changed after `revision`, its content at `revision`.
    func recordsAt(_ revision: Int) throws -> [RecordKey: Record?] {
        try contents.snapshot { reads in
            var records: [RecordKey: Record?] = [:]
            try reads.forEachChange(after: revision, upTo: nil, under: nil, newestFirst: true) { change in
                records[change.key] = .some(change.old)
                return true
            }
            return records
        }
    }

    public func history(limit: Int?) throws -> [RevisionInfo] {
        try contents.revisions(limit: limit)
    }

    public func changes(from: Int, to: Int, under scope: RecordKey) throws -> ChangeSet {
        let latest = try latestRevision()
        for revision in [from, to] where !(0...latest).contains(revision) {
            throw NoSuchRevision(revision: revision, latest: latest)
        }
        if from > to { return try changes(from: to, to: from, under: scope).inverted }
        var first: [RecordKey: Record?] = [:], last: [RecordKey: Record?] = [:]
        try contents.forEachChange(after: from, upTo: to, under: scope, newestFirst: false) { change in
            if first[change.key] == nil { first[change.key] = .some(change.old) }
            last[change.key] = .some(change.new)
            return true
        }
        return ChangeSet(
            first.compactMap { key, old in
                let new = last[key]!
                return old == new ? nil : RecordChange(key: key, old: old, new: new)
            })
    }

    public func revision(_ id: Int) throws -> RevisionInfo? {
        try contents.revision(id)
    }

    /// Each window starts past the last key of the one before: a published revision never
    /// changes, so the windows need not share one read.
    public func forEachChangeWindow(ofRevision revision: Int, _ body: (ChangeSet) throws -> Void) throws {
        var last: RecordKey?
        while true {
            let window = try contents.changes(of: revision, after: last, limit: windowSize)
            if !window.isEmpty { try body(ChangeSet(window.map { RecordChange(key: $0.key, old: $0.old, new: $0.new) })) }
            guard window.count == windowSize, let next = window.last?.key else { return }
            last = next
        }
    }

    public func revisionSignal() throws -> any RevisionSignal {
        try contents.revisionSignal()
    }

    public func candidate(for user: String) throws -> any Candidate {
        try collectReturnedRequests(of: user)
        return try StoredCandidate(store: self, owner: user)
    }

    public func scratchCandidate() throws -> any Candidate {
        try StoredCandidate(store: self, owner: nil)
    }

    public func permissions(of user: String) throws -> any Permissions {
        try policy.permissions(of: user, in: published())
    }

    public func reconnect() throws {
        try contents.reconnect()
    }

    public func appendAudit(_ event: AuditEvent) throws {
        try contents.write { transaction in
            try transaction.appendAudit(event)
            return ((), commit: true)
        }
    }

    public func latestAuditRecords(_ count: Int) throws -> [AuditRecord] {
        try contents.latestAuditRecords(limit: count)
    }

    /// The pages need not share one read: records are only ever appended, so a page read
    /// later holds the same records up to where the one before ended.
    public func verifyAudit() throws -> AuditChain.Verification {
        try AuditChain.verify { after, limit in try contents.auditRecords(after: after, limit: limit) }
    }
}
