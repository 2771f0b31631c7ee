/// The logical lines of a script: physical lines joined where one ends in a continuing
/// backslash, so the script runner can lex and run one command line at a time (a syntax
/// error late in a file stops the script there, after the lines before it ran) and still
/// report physical positions. Quotes and comments are taken into account: a backslash in
/// a comment or in single quotes does not continue the line. Never fails; errors are
/// reported when the line is lexed.
public struct LogicalLines: Sequence, Sendable {
    private let source: String
    private let firstLine: Int

    public init(_ source: String, firstLine: Int = 1) {
        self.source = source
        self.firstLine = firstLine
    }

    public func makeIterator() -> Iterator {
        Iterator(tokenizer: Tokenizer(source, firstLine: firstLine, variables: { _ in nil }))
    }

    public struct Iterator: IteratorProtocol {
        fileprivate var tokenizer: Tokenizer<LenientReading>

        public mutating func next() -> LogicalLine? {
            guard !tokenizer.cursor.isAtEnd else { return nil }
            let start = tokenizer.cursor.index
            let line = tokenizer.cursor.position.line
            tokenizer.scanLogicalLine()
            let text = tokenizer.cursor.text(from: start, to: tokenizer.cursor.index)
            let isContinued = tokenizer.endsInContinuation
            tokenizer.finishLogicalLine()
            return LogicalLine(text: text, line: line, isContinued: isContinued)
        }
    }
}

/// One logical line of a script, to be lexed with `Lexer.lex(text, firstLine: line)`.
public struct LogicalLine: Hashable, Sendable {
    /// The source text, continuation backslashes and inner line breaks kept so that lexing
    /// it counts physical lines; without the line break that ends it.
    public var text: String
    /// The physical line (1-based) where it starts.
    public var line: Int
    /// Whether the text ends in a continuing backslash with no line after it: an
    /// interactive reader should read another line, append it and lex the whole again.
    public var isContinued: Bool

    public init(text: String, line: Int, isContinued: Bool) {
        self.text = text
        self.line = line
        self.isContinued = isContinued
    }

    /// The text of physical line `number` (without its line break), to print under an
    /// error message with a caret; `nil` outside this logical line.
    public func physicalLine(_ number: Int) -> Substring? {
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.indices.contains(number - line) else { return nil }
        var physical = lines[number - line]
        if physical.last == "\r" {
            physical.removeLast()
        }
        return Substring(physical)
    }
}
