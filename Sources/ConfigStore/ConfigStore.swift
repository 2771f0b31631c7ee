import ConfigModel

/// Where configurations live: the published revisions and each user's candidate.
/// `RevisionedStore` implements it over any `Storage`; the protocol is what the shell
/// relies on.
public protocol ConfigStore: AnyObject {
    /// Where the store is, as `--store` names it: messages that send the user back to
    /// something kept in the store (an unpublished candidate) say where to look.
    var location: String { get }
    /// The newest revision number; 0 when nothing was ever published.
    func latestRevision() throws -> Int
    /// The published (latest) configuration.
    func published() -> any ConfigReader
    /// The configuration as it was right after `revision` (0 is empty).
    func configuration(atRevision revision: Int) throws -> any ConfigReader
    /// Revisions, newest first; `limit` bounds how many.
    func history(limit: Int?) throws -> [RevisionInfo]
    /// What changed from revision `from` to revision `to`, within `scope`.
    func changes(from: Int, to: Int, under scope: RecordKey) throws -> ChangeSet
    /// Revision `id`, if it was published.
    func revision(_ id: Int) throws -> RevisionInfo?
    /// The changes of revision `revision`, a window of records at a time in key order: how
    /// a revision of any size is printed in bounded memory.
    func forEachChangeWindow(ofRevision revision: Int, _ body: (ChangeSet) throws -> Void) throws
    /// A new signal of the revisions published from now on, by anyone (see `RevisionSignal`).
    func revisionSignal() throws -> any RevisionSignal
    /// The user's private candidate, persisted across processes.
    func candidate(for user: String) throws -> any Candidate
    /// A candidate kept in memory only, based on the latest revision (scripts, `-c`).
    func scratchCandidate() throws -> any Candidate
    /// What `user` may do, as the published configuration says now.
    func permissions(of user: String) throws -> any Permissions
    /// Connects again after the connection to the store was lost (`StoreError.unreachable`);
    /// candidates opened before are to be opened anew.
    func reconnect() throws

    // Change requests (SPEC §12); see `RevisionedStore+Requests`.
    func openChangeRequests() throws -> [ChangeRequest]
    func changeRequest(_ id: Int) throws -> ChangeRequest
    /// The candidates of users other than `user` that hold edits, by user.
    func otherCandidates(than user: String) throws -> [PendingCandidate]
    func changes(ofRequest id: Int, under scope: RecordKey) throws -> ChangeSet
    func approve(_ id: Int, by approver: String, source: String) throws -> PublishOutcome
    @discardableResult func reject(_ id: Int, by user: String, source: String) throws -> Int
    /// Publishes awaiting `confirm`, and reverts that failed, soonest deadline first.
    func pendingConfirmations() throws -> [PendingConfirmation]
    /// `confirm`: keeps what `user` published on condition, or clears the report of a revert
    /// that failed; nil when `user` has nothing to confirm (an overdue one is reverted, not
    /// confirmed: `revertOverdue` first).
    func confirm(as user: String) throws -> PendingConfirmation?
    /// Publishes the revert of every publish left unconfirmed past its deadline, whoever
    /// calls it: what the timer a confirmed publish leaves behind does, and the first command
    /// after the deadline when the timer could not.
    func revertOverdue() throws -> [AutoRevert]
    /// Appends `event` to the audit trail in a transaction of its own: a refusal, which
    /// changes nothing else. (A publish's record is appended inside the publish.)
    func appendAudit(_ event: AuditEvent) throws
    /// The last `count` records of the audit trail, newest first.
    func latestAuditRecords(_ count: Int) throws -> [AuditRecord]
    /// Reads the whole audit trail and checks its hash chain (`audit verify`).
    func verifyAudit() throws -> AuditChain.Verification
}

/// A configuration being edited: the published one plus the edits of one user or script.
/// Edits of a command become durable with `commitCommand()` or vanish with `revertCommand()`,
/// so a failed command leaves the candidate as it was.
public protocol Candidate: ConfigWriter, AnyObject {
    /// The revision the candidate was based on (or last rebased onto).
    var baseRevision: Int { get }
    func status() throws -> CandidateStatus
    /// The candidate against the published configuration, within `scope` (`compare`).
    func changesAgainstPublished(under scope: RecordKey) throws -> ChangeSet
    /// The same, a window of records at a time in key order (none when nothing changed):
    /// how a candidate of any size is printed (`check`) in bounded memory. `body` runs
    /// inside one read of the store, and must not use the store itself.
    func forEachChangeWindow(under scope: RecordKey, _ body: (ChangeSet) throws -> Void) throws
    /// The rules of SPEC §4 on the candidate as `publisher` would publish it.
    func validate(as publisher: String) throws -> [Violation]
    /// The conflicts a publish would meet now with revisions published since the base
    /// (`validate` warns of them before the user tries).
    func conflicts() throws -> [MergeConflict]
    /// Validates and publishes as a new revision, merging with revisions published since the base.
    func publish(_ metadata: PublishMetadata) throws -> PublishOutcome
    /// Validates and freezes the edits as a change request for a second administrator to
    /// approve (SPEC §12); the candidate is then empty.
    func submit(_ metadata: PublishMetadata) throws -> SubmitOutcome
    /// Rebases onto the latest revision, keeping the user's values where they do not conflict.
    func update() throws -> UpdateOutcome
    /// Drops every edit.
    func discard() throws
    /// Makes the candidate equal to revision `revision` (published state is unchanged).
    func rollback(to revision: Int) throws
    /// What the user editing may change: a command making a change it refuses fails whole
    /// (`commitCommand`, `update`, `rollback`); nil allows everything.
    var permissions: (any Permissions)? { get set }
    func commitCommand() throws
    func revertCommand()
}

/// One published revision, as `show history` lists it.
public struct RevisionInfo: Equatable, Sendable {
    public let id: Int
    public let user: String
    /// Seconds since 1970, UTC.
    public let time: Double
    public let source: String
    public let comment: String?
    /// Leaf-level changes in the revision.
    public let changeCount: Int
    /// Who approved it, for a revision published from a change request.
    public let approver: String?

    public init(id: Int, user: String, time: Double, source: String, comment: String?, changeCount: Int, approver: String? = nil) {
        self.id = id
        self.user = user
        self.approver = approver
        self.time = time
        self.source = source
        self.comment = comment
        self.changeCount = changeCount
    }
}

/// Who publishes, from where, and why.
public struct PublishMetadata: Sendable {
    /// Who made the changes: the publisher, or the author of an approved request.
    public let user: String
    /// `interactive`, `script FILE`, `-c`, `stdin` or `request N`.
    public let source: String
    public let comment: String?
    /// Who approved a change request's publish; nil for a publish of one's own.
    public let approver: String?
    /// The change request published, closed in the same transaction, and where its approver
    /// approved it (`interactive`, `-c`…), for the audit trail.
    public var request: Int?
    public var approvedFrom: String?
    /// Seconds within which the publisher must confirm the publish, or see it reverted
    /// (`publish confirmed`); nil for a publish that stands.
    public var confirmWithin: Double?

    public init(user: String, source: String, comment: String?, approver: String? = nil) {
        self.user = user
        self.source = source
        self.comment = comment
        self.approver = approver
    }
}

public struct CandidateStatus: Equatable, Sendable {
    public let baseRevision: Int
    public let latestRevision: Int
    /// Net leaf changes against the base.
    public let pendingChanges: Int

    public var isStale: Bool { baseRevision < latestRevision }
}

public enum PublishOutcome: Equatable, Sendable {
    /// A new revision, with the warnings validation gave.
    case published(revision: Int, changeCount: Int, warnings: [Violation])
    /// The candidate held no change against the published configuration.
    case nothingToPublish
    /// Validation errors (and warnings); nothing published, candidate untouched.
    case invalid([Violation])
    /// Leaves changed both here and in a revision published since the base; nothing published.
    case conflict([MergeConflict])
    /// The publisher may not publish, or may not make a change in it; nothing published.
    case denied(AccessRefusal)
}

public enum SubmitOutcome: Equatable, Sendable {
    /// The request made, with the warnings validation gave.
    case submitted(ChangeRequest, warnings: [Violation])
    /// The candidate held no change against the published configuration.
    case nothingToSubmit
    /// Validation errors (and warnings); nothing submitted, candidate untouched.
    case invalid([Violation])
}

public struct UpdateOutcome: Equatable, Sendable {
    public let newBase: Int
    /// Leaves where the user's value gave way to the published one.
    public let dropped: [MergeConflict]
}

/// A revision number outside 0…latest: a mistake in the command, not a store problem.
public struct NoSuchRevision: Error, Equatable, CustomStringConvertible {
    public let revision: Int
    public let latest: Int

    public var description: String { "no revision \(revision); revisions are 0 to \(latest)" }
}
