/// The state machine behind `Lexer` and `LogicalLines`: one pass over the scalars, each
/// looked at a bounded number of times, with no recursion, so that any input — megabytes
/// on one line, thousands of adjacent quotes — takes linear time and constant stack.
struct Tokenizer<Policy: ErrorPolicy> {
    private(set) var cursor: ScalarCursor
    private let variables: (String) -> String?
    /// The command being read on the current logical line.
    private(set) var command = CommandBuilder()
    /// The word being read, `nil` between words.
    private(set) var word: PendingWord?
    /// Finished commands, when `Policy.keepsCommands`.
    private(set) var commands: [CommandWords] = []
    /// The quote still open at the end of the source (lenient reading only).
    private(set) var openQuote: Quote?
    /// Whether the cursor is inside a comment on the current line.
    private(set) var isInComment = false
    /// Whether the source ends in a backslash that asks for another line.
    private(set) var endsInContinuation = false

    init(_ source: String, firstLine: Int, variables: @escaping (String) -> String?) {
        cursor = ScalarCursor(source, firstLine: firstLine)
        self.variables = variables
    }

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
        while let scalar = cursor.current, !cursor.isAtLineBreak {
            switch scalar {
            case " ", "\t":
                endWord()
                cursor.advance()
            case "#" where word == nil:
                skipComment()
            case "'":
                try readSingleQuoted()
            case "\"":
                try readDoubleQuoted()
            case "\\":
                try readEscape()
            case "$":
                try readDollar()
            case ";":
                try readSemicolon()
            case "|":
                try readPipe()
            default:
                try readOrdinary(scalar)
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

    private mutating func append(_ scalar: Unicode.Scalar) {
        word?.text.append(scalar)
    }

    private mutating func append(_ text: String) {
        word?.text.append(text)
    }

    private mutating func endWord() {
        if let word {
            command.append(word.word)
            self.word = nil
        }
    }

    private mutating func readOrdinary(_ scalar: Unicode.Scalar) throws(Policy.Failure) {
        beginWord(at: cursor.position, quoted: false)
        if scalar.isForbiddenControl {
            try Policy.report(Self.controlCharacter(scalar, at: cursor.position))
            // Lenient: kept as text.
            append(scalar)
            cursor.advance()
        } else {
            appendRun(while: { $0.isPlainUnquoted })
        }
    }

    private mutating func appendRun(while isPlain: (Unicode.Scalar) -> Bool) {
        let run = cursor.advance(while: isPlain)
        word?.text.append(contentsOf: run)
    }

    private static func controlCharacter(_ scalar: Unicode.Scalar, at position: SourcePosition) -> LexError {
        LexError(at: position, scalar == "\0" ? "unexpected NUL character" : "unexpected control character \(scalar.quotedForMessage)")
    }

    /// `#` at the start of a word: the rest of the physical line is ignored, a trailing
    /// backslash included, as in sh.
    private mutating func skipComment() {
        isInComment = true
        while !cursor.isAtEnd, !cursor.isAtLineBreak {
            cursor.advance()
        }
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
        guard let scalar = cursor.current else {
            // Nothing left to continue onto: the backslash is dropped, and an interactive
            // reader may ask for another line.
            endsInContinuation = true
            return
        }
        if scalar.isForbiddenControl {
            try Policy.report(Self.controlCharacter(scalar, at: cursor.position))
        }
        beginWord(at: start, quoted: true)
        append(scalar)
        cursor.advance()
    }

    // MARK: - Quotes

    /// Quotes do not span physical lines (a value with a line break is written `"…\n…"`),
    /// so a forgotten quote is reported on its own line rather than swallowing the script.
    private mutating func readSingleQuoted() throws(Policy.Failure) {
        let open = cursor.position
        beginWord(at: open, quoted: true)
        cursor.advance()
        while let scalar = cursor.current, !cursor.isAtLineBreak {
            switch scalar {
            case "'":
                cursor.advance()
                return
            case "\r":
                append(scalar)
                cursor.advance()
            default:
                appendRun(while: { $0.isPlainSingleQuoted })
            }
        }
        try unterminated(.single, at: open)
    }

    private mutating func readDoubleQuoted() throws(Policy.Failure) {
        let open = cursor.position
        beginWord(at: open, quoted: true)
        cursor.advance()
        while let scalar = cursor.current, !cursor.isAtLineBreak {
            switch scalar {
            case "\"":
                cursor.advance()
                return
            case "\\":
                readDoubleQuotedEscape()
            case "$":
                try readDollar()
            case "\r":
                append(scalar)
                cursor.advance()
            default:
                appendRun(while: { $0.isPlainDoubleQuoted })
            }
        }
        try unterminated(.double, at: open)
    }

    /// `\"`, `\\`, `\$` and `\n` are escapes inside double quotes and a backslash before a
    /// line break continues the line; before anything else the backslash stays, as in sh,
    /// so that Windows paths and regular expressions survive.
    private mutating func readDoubleQuotedEscape() {
        cursor.advance()
        if cursor.isAtLineBreak {
            cursor.advancePastLineBreak()
            return
        }
        switch cursor.current {
        case let scalar? where scalar == "\"" || scalar == "\\" || scalar == "$":
            append(scalar)
            cursor.advance()
        case "n":
            append("\n" as Unicode.Scalar)
            cursor.advance()
        case nil:
            endsInContinuation = true
            append("\\" as Unicode.Scalar)
        default:
            append("\\" as Unicode.Scalar)
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
    /// so recovering from a bad `${` rereads each scalar at most once more.
    private mutating func readDollar() throws(Policy.Failure) {
        let dollar = cursor.position
        guard cursor.next == "{" else {
            beginWord(at: dollar, quoted: false)
            append("$" as Unicode.Scalar)
            cursor.advance()
            return
        }
        var probe = cursor
        probe.advance()
        probe.advance()
        let nameStart = probe.index
        while let scalar = probe.current, scalar.isVariableNameCharacter {
            probe.advance()
        }
        let name = probe.text(from: nameStart, to: probe.index)
        let problem: LexError?
        if probe.current != "}" {
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
            append("$" as Unicode.Scalar)
            cursor.advance()
            return
        }
        probe.advance()
        if let value = variables(name) {
            append(value)
        } else {
            try Policy.report(LexError(at: dollar, "undefined variable '\(name)'"))
            // Lenient: left as written, for completion to show.
            append("${\(name)}")
        }
        cursor = probe
    }

    /// A `${` whose name is not closed by `}`: blamed on the `$` when the name simply
    /// stops, on the offending character when one sits inside it.
    private static func unclosedVariable(probe: ScalarCursor, dollar: SourcePosition) -> LexError {
        switch probe.current {
        case let scalar? where !probe.isAtLineBreak && !scalar.isBlank && !"\"';|".unicodeScalars.contains(scalar):
            LexError(at: probe.position, "invalid character \(scalar.quotedForMessage) in variable name")
        default:
            LexError(at: dollar, "'${' without '}'")
        }
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
