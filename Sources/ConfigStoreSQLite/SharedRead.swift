import Dispatch
import GRDB
import Synchronization

/// The one read transaction left open between calls: a script's point reads share it.
///
/// A script reads every record it edits, 100,000 for a bulk load, and a read transaction
/// for each took and released SQLite's file locks (four `fcntl` calls) every time. These
/// reads share one instead, begun by the first (`begin`).
///
/// The invariant: an open transaction on the connection is always this read, and it lasts
/// only while nothing else uses the connection. Every other access ends it first (`end`),
/// so no write, snapshot or head read ever sees state older than the latest; it is also
/// renewed after `lifetime`, so that a long script does not keep other processes'
/// checkpoints from emptying the WAL. `epoch` changes whenever it begins or ends: what was
/// learnt from its reads holds while the epoch is the one it was learnt in.
final class SharedRead: Sendable {
    /// How long one shared read may last, in nanoseconds.
    static let lifetime: UInt64 = 1_000_000_000

    private let epochs = Atomic<Int>(0)
    /// When the current read began (uptime nanoseconds); touched only on the connection's queue.
    private let began = Atomic<UInt64>(0)

    /// Read without the connection's queue (it is an atomic), so that a script's candidate
    /// can trust what it knows without a trip to the connection.
    var epoch: Int { epochs.load(ordering: .relaxed) }

    /// Makes sure the shared read is open on `db`, renewing it when it is old.
    func begin(_ db: Database) throws {
        let now = DispatchTime.now().uptimeNanoseconds
        var isOpen = db.isInsideTransaction
        if isOpen, now &- began.load(ordering: .relaxed) > Self.lifetime {
            try db.commit()
            isOpen = false
        }
        if !isOpen {
            try db.beginTransaction(.deferred)
            began.store(now, ordering: .relaxed)
            epochs.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// Ends the shared read if it is open: what any other access of the connection does first.
    func end(_ db: Database) throws {
        guard db.isInsideTransaction else { return }
        try db.commit()
        epochs.wrappingAdd(1, ordering: .relaxed)
    }
}
