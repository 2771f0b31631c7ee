/// Another user's candidate as the store keeps it, for `status` to say who is editing (as
/// Junos's `status` does): whose, on which revision, how many records it edits, and when
/// it last changed.
public struct PendingCandidate: Equatable, Sendable {
    public let user: String
    public let base: Int
    /// Records edited (an entry or container each).
    public let records: Int
    /// Seconds since 1970, UTC; nil for a candidate saved before times were kept.
    public let edited: Double?

    public init(user: String, base: Int, records: Int, edited: Double?) {
        self.user = user
        self.base = base
        self.records = records
        self.edited = edited
    }
}
