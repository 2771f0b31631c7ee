/// A publish that reverts itself unless confirmed (`publish confirmed DURATION`): the store
/// keeps one per administrator until `confirm`, another publish by the same administrator,
/// or the revert once `deadline` has passed settles it.
public struct PendingConfirmation: Equatable, Sendable {
    /// The revision published on condition.
    public let revision: Int
    /// Who published it: the revert is recorded under this administrator, whoever triggers it.
    public let user: String
    /// Seconds since 1970, UTC, by the store's clock (the server's, on a database server):
    /// the revert is due from then on.
    public let deadline: Double
    /// The revision whose configuration the revert restores: the head before `revision`.
    public let restores: Int
    /// Why the revert could not be published (a conflict with a newer revision, or a
    /// configuration the rules refuse); nil while it is still to come. A failed revert is
    /// kept so that `status` shows it until its administrator clears it with `confirm`.
    public let failure: String?

    public init(revision: Int, user: String, deadline: Double, restores: Int, failure: String? = nil) {
        self.revision = revision
        self.user = user
        self.deadline = deadline
        self.restores = restores
        self.failure = failure
    }

    /// The source recorded with the revision a revert publishes (SPEC §6).
    public static let revertSource = "auto-revert"
}
