import ConfigModel

/// The state machine behind `Lexer` and `LogicalLines`: one pass over the UTF-8 bytes, each
/// looked at a bounded number of times, with no recursion, so that any input — megabytes
/// on one line, thousands of adjacent quotes — takes linear time and constant stack.
struct Tokenizer<Policy: ErrorPolicy> {
    private(set) var cursor: UTF8Cursor
    private let variables: (String) -> String?
    /// Long words handed out as the schema's own strings rather than copied.
    private let knownWords: KnownWords
    /// The command being read on the current logical line.
    private(set) var command = CommandBuilder()
    /// The word being read, `nil` between words.
    private var word: PendingWord?
    /// Finished commands, when `Policy.keepsCommands`.
    private(set) var commands: [CommandWords] = []
    /// The quote still open at the end of the source (lenient reading only).
    private(set) var openQuote: Quote?
    /// Whether the cursor is inside a comment on the current line.
    private(set) var isInComment = false
    /// Whether the source ends in a backslash that asks for another line.
    private(set) var endsInContinuation = false

    /// A tokenizer over `bytes` from `index`, which must start physical line `line`. The
    /// bytes are borrowed: the tokenizer must not outlive the call that lent them.
    init(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, line: Int, variables: @escaping (String) -> String?,
        knownWords: KnownWords
    ) {
        cursor = UTF8Cursor(bytes, at: index, line: line)
        self.variables = variables
        self.knownWords = knownWords
    }

    /// Calls `body` with a tokenizer over the whole of `source`, whose bytes are lent for
    /// the call only.
    static func reading<Result>(
        _ source: String, firstLine: Int, variables: @escaping (String) -> String?,
        knownWords: KnownWords, _ body: (inout Tokenizer) -> Result
    ) -> Result {
        var source = source
        return source.withUTF8 { bytes in
            var tokenizer = Tokenizer(bytes, at: 0, line: firstLine, variables: variables, knownWords: knownWords)
            return body(&tokenizer)
        }
    }

    /// The word being read as far as it goes, `nil` between words.
    var partialWord: Word? { word?.word(in: cursor.bytes, knownWords: knownWords) }

    /// Reads every logical line, finishing all but the last, which stays open so that
    /// partial lexing can look at the word under the cursor.
    mutating func scanToEnd() throws(Policy.Failure) {
        try scanLogicalLine()
        while cursor.isAtLineBreak {
            try finishLogicalLine()
            try scanLogicalLine()
        }
    }

    /// Reads up to the line break that ends the current logical line, or to the end of
    /// the source, without consuming the break.
    mutating func scanLogicalLine() throws(Policy.Failure) {
        while let byte = cursor.current, !cursor.isAtLineBreak {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                endWord()
                cursor.advance()
            case UInt8(ascii: "#") where word == nil:
                skipComment()
            case UInt8(ascii: "'"):
                try readSingleQuoted()
            case UInt8(ascii: "\""):
                try readDoubleQuoted()
            case UInt8(ascii: "\\"):
                try readEscape()
            case UInt8(ascii: "$"):
                try readDollar()
            case UInt8(ascii: ";"):
                try readSemicolon()
            case UInt8(ascii: "|"):
                try readPipe()
            default:
                try readOrdinary()
            }
        }
    }

    /// Finishes the logical line's last command and moves past the line break, if any.
    mutating func finishLogicalLine() throws(Policy.Failure) {
        try finishCommand()
        isInComment = false
        if cursor.isAtLineBreak {
            cursor.advancePastLineBreak()
        }
    }

    // MARK: - Words

    /// Starts a word at `position` unless one is under way; any quoted piece makes the
    /// whole word quoted.
    private mutating func beginWord(at position: SourcePosition, quoted: Bool) {
        if word == nil {
            word = PendingWord(start: position, isQuoted: quoted)
        } else if quoted {
            word?.isQuoted = true
        }
    }

    /// Appends the scalar at the cursor and moves past it.
    private mutating func appendScalar() {
        let start = cursor.index
        cursor.advance()
        word?.append(start..<cursor.index, of: cursor.bytes)
    }

    /// Appends the longest run of plain text at the cursor and moves past it.
    private mutating func appendRun<Text: PlainText>(_ text: Text.Type) {
        let run = cursor.advance(over: text)
        word?.append(run, of: cursor.bytes)
    }

    private mutating func append(_ text: String) {
        word?.append(text, of: cursor.bytes)
    }

    private mutating func endWord() {
        if let word {
            command.append(word.word(in: cursor.bytes, knownWords: knownWords))
            self.word = nil
        }
    }

    private mutating func readOrdinary() throws(Policy.Failure) {
        beginWord(at: cursor.position, quoted: false)
        if cursor.isAtForbiddenControl {
            try reportControlCharacter()
            // Lenient: kept as text.
            appendScalar()
        } else {
            appendRun(UnquotedText.self)
        }
    }

    private func reportControlCharacter() throws(Policy.Failure) {
        try Policy.report(Self.controlCharacter(cursor.scalar!, at: cursor.position))
    }

    private static func controlCharacter(_ scalar: Unicode.Scalar, at position: SourcePosition) -> LexError {
        LexError(at: position, scalar == "\0" ? "unexpected NUL character" : "unexpected control character \(scalar.quotedForMessage)")
    }

    /// `#` at the start of a word: the rest of the physical line is ignored, a trailing
    /// backslash included, as in sh.
    private mutating func skipComment() {
        isInComment = true
        cursor.advanceToLineBreak()
    }

    /// A backslash outside quotes: the next scalar is taken literally, and a line break
    /// after it joins the next physical line without ending the word.
    private mutating func readEscape() throws(Policy.Failure) {
        let start = cursor.position
        cursor.advance()
        if cursor.isAtLineBreak {
            cursor.advancePastLineBreak()
            return
        }
        guard !cursor.isAtEnd else {
            // Nothing left to continue onto: the backslash is dropped, and an interactive
            // reader may ask for another line.
            endsInContinuation = true
            return
        }
        if cursor.isAtForbiddenControl {
            try reportControlCharacter()
        }
        beginWord(at: start, quoted: true)
        appendScalar()
    }

    // MARK: - Quotes

    /// Quotes do not span physical lines (a value with a line break is written `"…\n…"`),
    /// so a forgotten quote is reported on its own line rather than swallowing the script.
    private mutating func readSingleQuoted() throws(Policy.Failure) {
        let open = cursor.position
        beginWord(at: open, quoted: true)
        cursor.advance()
        while let byte = cursor.current, !cursor.isAtLineBreak {
            switch byte {
            case UInt8(ascii: "'"):
                cursor.advance()
                return
            case UInt8(ascii: "\r"):
                appendScalar()
            default:
                appendRun(SingleQuotedText.self)
            }
        }
        try unterminated(.single, at: open)
    }

    private mutating func readDoubleQuoted() throws(Policy.Failure) {
        let open = cursor.position
        beginWord(at: open, quoted: true)
        cursor.advance()
        while let byte = cursor.current, !cursor.isAtLineBreak {
            switch byte {
            case UInt8(ascii: "\""):
                cursor.advance()
                return
            case UInt8(ascii: "\\"):
                readDoubleQuotedEscape()
            case UInt8(ascii: "$"):
                try readDollar()
            case UInt8(ascii: "\r"):
                appendScalar()
            default:
                appendRun(DoubleQuotedText.self)
            }
        }
        try unterminated(.double, at: open)
    }

    /// `\"`, `\\`, `\$` and `\n` are escapes inside double quotes and a backslash before a
    /// line break continues the line; before anything else the backslash stays, as in sh,
    /// so that Windows paths and regular expressions survive.
    private mutating func readDoubleQuotedEscape() {
        let backslash = cursor.index
        cursor.advance()
        if cursor.isAtLineBreak {
            cursor.advancePastLineBreak()
            return
        }
        switch cursor.current {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"):
            appendScalar()
        case UInt8(ascii: "n"):
            append("\n")
            cursor.advance()
        case nil:
            endsInContinuation = true
            word?.append(backslash..<cursor.index, of: cursor.bytes)
        default:
            // The backslash itself, adjacent to the text before and after it in the source.
            word?.append(backslash..<cursor.index, of: cursor.bytes)
        }
    }

    private mutating func unterminated(_ quote: Quote, at open: SourcePosition) throws(Policy.Failure) {
        let name = quote == .single ? "single" : "double"
        try Policy.report(LexError(at: open, "unterminated \(name) quote"))
        if cursor.isAtEnd {
            openQuote = quote
        }
    }

    // MARK: - Variables

    /// `${NAME}` expands to the variable's value, taken literally (never re-read as
    /// syntax, so a value cannot inject quotes or commands); `$` before anything else is
    /// an ordinary character. The name is looked ahead over letters, digits and `_` only,
    /// so recovering from a bad `${` rereads each byte at most once more.
    private mutating func readDollar() throws(Policy.Failure) {
        let dollar = cursor.position, dollarIndex = cursor.index
        guard cursor.next == UInt8(ascii: "{") else {
            beginWord(at: dollar, quoted: false)
            appendScalar()
            return
        }
        var probe = cursor
        probe.advance()
        probe.advance()
        let name = probe.text(probe.advanceOverVariableName())
        let problem: LexError?
        if probe.current != UInt8(ascii: "}") {
            problem = Self.unclosedVariable(probe: probe, dollar: dollar)
        } else if name.isEmpty {
            problem = LexError(at: dollar, "empty variable name in '${}'")
        } else {
            problem = nil
        }
        beginWord(at: dollar, quoted: false)
        if let problem {
            try Policy.report(problem)
            // Lenient: the `$` is literal and reading goes on at `{`.
            appendScalar()
            return
        }
        probe.advance()
        if let value = variables(name) {
            append(value)
        } else {
            try Policy.report(LexError(at: dollar, "undefined variable '\(name.excerpt)'"))
            // Lenient: left as written, for completion to show.
            word?.append(dollarIndex..<probe.index, of: cursor.bytes)
        }
        cursor = probe
    }

    /// A `${` whose name is not closed by `}`: blamed on the `$` when the name simply
    /// stops, on the offending character when one sits inside it.
    private static func unclosedVariable(probe: UTF8Cursor, dollar: SourcePosition) -> LexError {
        guard let byte = probe.current, !probe.isAtLineBreak, !byte.isBlank, !"\"';|".utf8.contains(byte) else {
            return LexError(at: dollar, "'${' without '}'")
        }
        return LexError(at: probe.position, "invalid character \(probe.scalar!.quotedForMessage) in variable name")
    }

    // MARK: - Separators

    private mutating func readSemicolon() throws(Policy.Failure) {
        let position = cursor.position
        endWord()
        if command.isEmpty {
            try Policy.report(LexError(at: position, "unexpected ';' without a command before it"))
        }
        try finishCommand()
        cursor.advance()
    }

    private mutating func readPipe() throws(Policy.Failure) {
        let position = cursor.position
        endWord()
        if command.words.isEmpty {
            try Policy.report(LexError(at: position, "missing command before '|'"))
        } else {
            try checkPipeStage()
        }
        command.startPipeStage(at: position)
        cursor.advance()
    }

    /// A `|` must be followed by the words of its stage.
    private func checkPipeStage() throws(Policy.Failure) {
        if command.hasEmptyPipeStage, let pipe = command.lastPipe {
            try Policy.report(LexError(at: pipe, "missing pipe stage after '|'"))
        }
    }

    private mutating func finishCommand() throws(Policy.Failure) {
        endWord()
        try checkPipeStage()
        if Policy.keepsCommands, let finished = command.command {
            commands.append(finished)
        }
        command = CommandBuilder()
    }
}
