/// A syntax error in the command language, with the position scripts report as
/// `FILE:LINE:COLUMN: error: MESSAGE`.
public struct LexError: Error, Hashable, Sendable {
    /// Physical line (1-based).
    public var line: Int
    /// Column (1-based, in Unicode scalars).
    public var column: Int
    /// One line of text, without position, e.g. `unterminated double quote`.
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    init(at position: SourcePosition, _ message: String) {
        self.init(line: position.line, column: position.column, message: message)
    }
}
