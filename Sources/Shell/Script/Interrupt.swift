import Foundation

/// SIGINT during a script run. The handler only raises a flag; the script runner looks at it
/// between commands and stops with exit 130, so no command is cut in half and, as with any
/// failure, nothing the script left unpublished is kept.
public enum Interrupt {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Catches SIGINT from now on (scripts only: at the keyboard the line editor handles it).
    public static func install() {
        signal(SIGINT) { _ in Interrupt.flag = 1 }
    }

    static var isPending: Bool { flag != 0 }
}
