import Foundation
import Synchronization

/// SIGINT and SIGTERM as something to `poll`: a long-running command that waits on other
/// descriptors (`watch`) learns of them in the same wait. The handler only writes the
/// signal's number into a pipe, which is safe in a handler and wakes the wait at once,
/// whichever thread the signal lands on.
public enum StopSignals {
    /// The pipe's ends, made once by `install`; -1 until then. Atomic, so the handler may
    /// read them.
    private static let readEnd = Atomic<Int32>(-1)
    private static let writeEnd = Atomic<Int32>(-1)

    /// Catches SIGINT and SIGTERM from now on; returns the descriptor that becomes readable
    /// when one arrives.
    public static func install() throws -> Int32 {
        if readEnd.load(ordering: .relaxed) < 0 {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw CommandError("cannot catch signals: \(String(cString: strerror(errno)))") }
            for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
            readEnd.store(ends[0], ordering: .relaxed)
            writeEnd.store(ends[1], ordering: .relaxed)
        }
        for number in [SIGINT, SIGTERM] {
            signal(number) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(StopSignals.writeEnd.load(ordering: .relaxed), &byte, 1)
            }
        }
        return readEnd.load(ordering: .relaxed)
    }

    /// The signal that arrived, if one did since the last call.
    public static func take() -> Int32? {
        var byte: UInt8 = 0
        return read(readEnd.load(ordering: .relaxed), &byte, 1) == 1 ? Int32(byte) : nil
    }
}
