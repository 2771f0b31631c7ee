import ConfigModel

/// Turns command-language text into commands of words (SPEC §5): POSIX-sh-like blanks,
/// quotes, escapes and comments, `;` between commands, `|` before pipe stages, `\` at the end
/// of a line to continue it, and `${NAME}` expansion. Keywords mean nothing here; `?` is an
/// ordinary character (the interactive editor intercepts it before the lexer sees the line).
public struct Lexer: Sendable {
    private let variables: @Sendable (String) -> String?
    private let knownWords: KnownWords

    /// - Parameters:
    ///   - schema: the schema whose long keywords words share instead of copying them, since
    ///     a bulk script repeats them on every line; nil copies every word. Either way the
    ///     words are the same.
    ///   - variables: the value of a variable, or `nil` if it is undefined. The caller
    ///     decides where values come from (`-D` definitions, then the environment).
    public init(keywordsOf schema: SchemaNode? = nil, variables: @escaping @Sendable (String) -> String?) {
        self.variables = variables
        knownWords = schema.map(KnownWords.init(schema:)) ?? .none
    }

    /// The commands of `source`, a whole script or one interactive line, in order.
    /// - Parameter firstLine: the physical line number of the source's first line, for
    ///   lexing one `LogicalLine` of a script at a time.
    public func lex(_ source: String, firstLine: Int = 1) throws(LexError) -> [CommandWords] {
        try Tokenizer<StrictReading>.reading(source, firstLine: firstLine, variables: variables, knownWords: knownWords) { tokenizer in
            Result { () throws(LexError) in
                try tokenizer.scanToEnd()
                try tokenizer.finishLogicalLine()
                return tokenizer.commands
            }
        }.get()
    }

    /// What the text before the cursor amounts to, for completion and `?` help. Never
    /// fails: errors are passed over and undefined variables are left as written.
    public func lexPartial(_ textBeforeCursor: String) -> PartialLine {
        Tokenizer<LenientReading>.reading(textBeforeCursor, firstLine: 1, variables: variables, knownWords: knownWords) { tokenizer in
            tokenizer.scanToEnd()
            return PartialLine(
                words: tokenizer.command.words,
                pipes: tokenizer.command.pipes,
                current: tokenizer.partialWord ?? Word(text: "", at: tokenizer.cursor.position, isQuoted: false),
                openQuote: tokenizer.openQuote,
                isInComment: tokenizer.isInComment
            )
        }
    }
}
