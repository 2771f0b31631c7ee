#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Facts about the terminal the program talks to.
public enum Terminal {
    /// Whether both input and output are terminals: only then is line editing
    /// wanted; otherwise read plain lines (pipes, files, here-documents).
    public static var isInteractive: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Columns of the output terminal, 80 when unknown.
    public static var width: Int { size?.columns ?? 80 }

    /// Rows of the output terminal, 24 when unknown.
    public static var height: Int { size?.rows ?? 24 }

    /// Asked each time, since the window may have been resized.
    private static var size: (columns: Int, rows: Int)? {
        var window = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return nil
        }
        return (Int(window.ws_col), Int(window.ws_row))
    }
}
