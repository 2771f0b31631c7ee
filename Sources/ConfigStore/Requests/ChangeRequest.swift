/// A candidate's changes frozen for a second administrator to approve (SPEC §12): who
/// submitted them, on which revision, and the SHA-256 of the edits, which the approval
/// checks again so that what is published is what was reviewed. The edits themselves are
/// kept as a persisted candidate of their own (`owner`).
public struct ChangeRequest: Equatable, Sendable {
    public enum State: Equatable, Sendable {
        case open
        /// Published as `revision`, approved by `by`.
        case approved(revision: Int, by: String)
        /// Closed without publishing, by its author (withdrawn) or an approver; its changes
        /// went back to the author's candidate.
        case rejected(by: String)
    }

    public let id: Int
    public let author: String
    /// Seconds since 1970, UTC.
    public let time: Double
    /// The revision the changes were made on.
    public let base: Int
    /// Leaf-level changes, as `status` counts them.
    public let changeCount: Int
    public let comment: String?
    /// SHA-256 of the edits (`ChangeSet.digest` of the edits), lowercase hexadecimal.
    public let digest: String
    public let state: State

    public init(id: Int, author: String, time: Double, base: Int, changeCount: Int, comment: String?, digest: String, state: State) {
        self.id = id
        self.author = author
        self.time = time
        self.base = base
        self.changeCount = changeCount
        self.comment = comment
        self.digest = digest
        self.state = state
    }

    /// The name the request's edits are persisted under, as a candidate's are under its
    /// user's. It starts with a control character, which no `--user` name can (see
    /// `isReservedOwner`).
    public static func owner(_ id: Int) -> String { "\u{1}request \(id)" }

    /// Whether `name` is one of the names requests keep their edits under: never a user.
    public static func isReservedOwner(_ name: String) -> Bool { name.hasPrefix("\u{1}") }

    /// The source a revision published from request `id` records (SPEC §6).
    public static func source(_ id: Int) -> String { "request \(id)" }
}

/// What a request is submitted with; the storage numbers and timestamps it.
public struct NewChangeRequest: Sendable {
    public let author: String
    public let base: Int
    public let changeCount: Int
    public let comment: String?
    public let digest: String

    public init(author: String, base: Int, changeCount: Int, comment: String?, digest: String) {
        self.author = author
        self.base = base
        self.changeCount = changeCount
        self.comment = comment
        self.digest = digest
    }
}

/// How a storage keeps a request's state: a name (`open`, `approved`, `rejected`), who
/// closed it, and the revision it became.
extension ChangeRequest.State {
    public var stored: (name: String, closedBy: String?, revision: Int?) {
        switch self {
        case .open: ("open", nil, nil)
        case .approved(let revision, let approver): ("approved", approver, revision)
        case .rejected(let by): ("rejected", by, nil)
        }
    }

    public init(stored name: String, closedBy: String?, revision: Int?) {
        switch (name, closedBy, revision) {
        case ("approved", let approver?, let revision?): self = .approved(revision: revision, by: approver)
        case ("rejected", let by?, _): self = .rejected(by: by)
        default: self = .open
        }
    }
}
