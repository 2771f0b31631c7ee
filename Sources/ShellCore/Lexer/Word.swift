/// One word of a command after quote removal and variable expansion.
public struct Word: Hashable, Sendable {
    /// The text the command sees: quotes and escapes removed, variables expanded.
    public var text: String
    /// Physical line (1-based) of the word's first source character.
    public var line: Int
    /// Column (1-based, in Unicode scalars) of the word's first source character on its line.
    public var column: Int
    /// Whether any part of the word was quoted with `'…'`, `"…"` or a backslash escape.
    /// The parser never treats a quoted word as an abbreviated keyword, so that `"up"` or
    /// `'sh'` are always values, and a quoted empty string is still a word.
    public var isQuoted: Bool

    public init(text: String, line: Int, column: Int, isQuoted: Bool) {
        self.text = text
        self.line = line
        self.column = column
        self.isQuoted = isQuoted
    }

    init(text: String, at position: SourcePosition, isQuoted: Bool) {
        self.init(text: text, line: position.line, column: position.column, isQuoted: isQuoted)
    }
}
