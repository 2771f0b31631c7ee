/// Writing mdoc(7), the language of BSD and Linux manual pages: text lines are printed as
/// they are, except what roff would take for its own syntax; macro lines start with `.`.
enum MDoc {
    /// Running text, one sentence per line, which is how roff knows to space sentences.
    /// Empty text gives no line, which mdoc would warn about.
    static func text(_ text: String) -> [String] {
        text.replacing(/\. (?=[A-Z])/, with: ".\n").split(separator: "\n").map { line(String($0)) }
    }

    /// A line printed as it is: a backslash is roff's escape character, a line starting
    /// with `.` or `'` would be read as a request, and an option such as `--no-color` must
    /// not be split at its hyphens (`\%` before a word keeps it whole).
    static func line(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\e")
            .split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("-") ? "\\%" + $0 : String($0) }
            .joined(separator: " ")
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }

    /// One argument of a macro line, quoted when it holds blanks so that it stays one: mdoc
    /// then prints it as it is, with no spacing rules for brackets and bars within.
    static func argument(_ word: String) -> String {
        let escaped = word.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "\"", with: "\\(dq")
        return escaped.contains(" ") || escaped.isEmpty ? "\"" + escaped + "\"" : escaped
    }

    /// `.Fl -store` for `--store`, `.Fl c` for `-c`: `Fl` adds one dash itself.
    static func flag(_ typed: String) -> String {
        "Fl " + typed.dropFirst()
    }
}
