/// One command as the lexer sees it: its own words, then the words of each output pipe
/// stage (`show | match x | count` has the words `show` and the stages `[match, x]`, `[count]`).
public struct CommandWords: Hashable, Sendable {
    /// The command's words before the first `|`; never empty.
    public var words: [Word]
    /// One list of words per pipe stage, in order; each is non-empty.
    public var pipes: [[Word]]
    /// Physical line (1-based) where the command starts.
    public var line: Int
    /// Column (1-based, in Unicode scalars) where the command starts.
    public var column: Int

    public init(words: [Word], pipes: [[Word]] = [], line: Int, column: Int) {
        self.words = words
        self.pipes = pipes
        self.line = line
        self.column = column
    }
}
