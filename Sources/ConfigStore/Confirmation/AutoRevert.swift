/// The revert of a publish left unconfirmed past its deadline, as it went.
public struct AutoRevert: Equatable, Sendable {
    public enum Result: Equatable, Sendable {
        /// Published as `revision`, changing `changeCount` leaves.
        case published(revision: Int, changeCount: Int)
        /// Later revisions had undone the publish already: nothing was left to revert.
        case nothingToRevert
        /// Nothing published, for `reason` (conflicts with newer revisions, or the rules); the
        /// confirmation stays, with the reason, until its administrator clears it.
        case failed(reason: String)
    }

    public let confirmation: PendingConfirmation
    public let result: Result

    public init(confirmation: PendingConfirmation, result: Result) {
        self.confirmation = confirmation
        self.result = result
    }
}
