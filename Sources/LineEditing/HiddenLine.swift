#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A line typed at the terminal without being shown, for a password: not echoed, not
/// edited by the line editor, never in its history.
public enum HiddenLine {
    /// Shows `prompt`, reads a line with echo off and ends the line on the screen. Nil on
    /// Ctrl-C, on Ctrl-D at the start, or when standard input is not a terminal.
    ///
    /// The terminal is read a key at a time with its signals off, as the line editor reads
    /// it: Ctrl-C is a key here too, rather than a SIGINT that the program's handler would
    /// note while `read` went on waiting. Backspace and Ctrl-U still edit the hidden text.
    public static func readLine(prompt: String) -> String? {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var hidden = saved
        hidden.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG)
        withUnsafeMutableBytes(of: &hidden.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &hidden) == 0 else { return nil }
        defer { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        show(prompt)
        defer { show("\n") }
        var typed: [UInt8] = []
        while true {
            var key: UInt8 = 0
            let count = read(STDIN_FILENO, &key, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return nil }
            switch key {
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                return String(decoding: typed, as: UTF8.self)
            case 0x03:
                return nil
            case 0x04:
                if typed.isEmpty { return nil }
            case 0x7F, 0x08:
                // One character: its continuation bytes, then the byte that starts it.
                while let last = typed.popLast(), last & 0xC0 == 0x80 {}
            case 0x15:
                typed.removeAll()
            default:
                typed.append(key)
            }
        }
    }

    private static func show(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
    }
}
