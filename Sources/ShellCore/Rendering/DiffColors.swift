/// Colour for the lines of a diff at a terminal: `+` lines green, `-` lines red (ANSI). The
/// renderer writes plain lines that start with their marker, the same for a terminal, a
/// pipe and a file; colour is added here, on the way to the terminal.
enum DiffColors {
    /// `emit`, colouring each line first when `colored`.
    static func emitting(to emit: @escaping (String) -> Void, colored: Bool) -> (String) -> Void {
        colored ? { emit(line($0)) } : emit
    }

    static func line(_ line: String) -> String {
        switch line.utf8.first {
        case UInt8(ascii: "+"): "\u{1B}[32m\(line)\u{1B}[0m"
        case UInt8(ascii: "-"): "\u{1B}[31m\(line)\u{1B}[0m"
        default: line
        }
    }
}
