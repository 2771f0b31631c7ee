import Foundation
import Synchronization

/// SIGINT during a script run. The handler only raises a flag; the script runner looks at it
/// between commands and stops with exit 130, so no command is cut in half and, as with any
/// failure, nothing the script left unpublished is kept.
public enum Interrupt {
    /// Lock-free, so the signal handler may set it.
    private static let flag = Atomic<Bool>(false)

    /// Catches SIGINT from now on. At the keyboard the line editor reads Ctrl-C as a key while
    /// a line is typed; this catches it while a command runs, so that the shell survives it.
    public static func install() {
        signal(SIGINT) { _ in Interrupt.flag.store(true, ordering: .relaxed) }
    }

    public static var isPending: Bool { flag.load(ordering: .relaxed) }

    /// Forgets an interrupt that has been dealt with.
    public static func reset() { flag.store(false, ordering: .relaxed) }
}
