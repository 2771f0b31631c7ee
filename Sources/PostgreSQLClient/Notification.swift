/// A message a session sent with `NOTIFY` (or `pg_notify`) on a channel this connection
/// listens to; delivered when the sender's transaction commits.
public struct Notification: Equatable, Sendable {
    public let channel: String
    public let payload: String
    /// The server process of the session that sent it.
    public let processID: Int32
}
