import Dispatch
import PostgreSQLClient
import Synchronization

/// The one read transaction left open between calls: a script's point reads share it.
///
/// A script reads every record it edits. Read in one snapshot, an absent record tells the
/// candidate that every key up to the next record is absent too (`AbsentKeys`), for as long
/// as the snapshot lasts: a bulk load of new users then costs a round trip or two, not one
/// per user.
///
/// The invariant: an open transaction on the connection between calls is always this read,
/// and it lasts only while nothing else uses the connection. Every other access ends it
/// first (`end`), so no write, snapshot or head read ever sees state older than the latest;
/// it is also renewed after `lifetime`, so that a long script does not hold back the
/// server's cleanup of old row versions. `epoch` changes whenever it begins or ends: what
/// was learnt from its reads holds while the epoch is the one it was learnt in.
final class SharedRead: Sendable {
    /// How long one shared read may last, in nanoseconds.
    static let lifetime: UInt64 = 1_000_000_000

    private let epochs = Atomic<Int>(0)
    /// When the current read began (uptime nanoseconds); touched only by the connection's user.
    private let began = Atomic<UInt64>(0)

    /// Read without the connection (it is an atomic), so that a script's candidate can trust
    /// what it knows without a round trip.
    var epoch: Int { epochs.load(ordering: .relaxed) }

    /// Makes sure the shared read is open on `connection`, renewing it when it is old.
    func begin(_ connection: PostgreSQLConnection) throws {
        let now = DispatchTime.now().uptimeNanoseconds
        if connection.isInTransaction, now &- began.load(ordering: .relaxed) > Self.lifetime {
            try end(connection)
        }
        if !connection.isInTransaction {
            try connection.begin(.repeatableRead, readOnly: true)
            began.store(now, ordering: .relaxed)
            epochs.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// Ends the shared read if it is open: what any other access of the connection does
    /// first. It wrote nothing, so a rollback ends it as well as a commit would, and also
    /// after a read that failed.
    func end(_ connection: PostgreSQLConnection) throws {
        guard connection.isInTransaction else { return }
        try connection.execute("ROLLBACK")
        epochs.wrappingAdd(1, ordering: .relaxed)
    }
}
