import ConfigModel

/// The line before the cursor, understood: what may come next and the word being typed.
/// The engine behind TAB and `?`; a line editor turns it into its own candidates.
public struct CompletionContext {
    public let suggestions: Suggestions
    /// The word being typed, without its quotes.
    public let prefix: String
    /// Prepended to every candidate (`/` for an absolute path being typed).
    public let insertPrefix: String
    /// Characters before the cursor that a chosen candidate replaces.
    public let replaceLength: Int

    public init?(session: Session, text: String) {
        let partial = session.lexer.lexPartial(text)
        guard !partial.isInComment else { return nil }
        let typedLine = text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? text
        let typed = String(String.UnicodeScalarView(typedLine.unicodeScalars.dropFirst(max(0, partial.current.column - 1))))
        replaceLength = partial.current.text.isEmpty && partial.openQuote == nil ? 0 : typed.count
        let next = NextWords(session: session)
        if let stage = partial.pipes.last {
            suggestions = Self.pipe(stage)
            prefix = partial.current.text
            insertPrefix = ""
        } else if partial.current.text.hasPrefix("/"), !partial.words.isEmpty {
            let root = Word(text: "/", line: partial.current.line, column: partial.current.column, isQuoted: false)
            suggestions = next.suggestions(after: partial.words + [root], typing: String(partial.current.text.dropFirst()))
            prefix = String(partial.current.text.dropFirst())
            insertPrefix = "/"
        } else {
            suggestions = next.suggestions(after: partial.words, typing: partial.current.text)
            prefix = partial.current.text
            insertPrefix = ""
        }
    }

    private static func pipe(_ stage: [Word]) -> Suggestions {
        guard let first = stage.first else {
            return Suggestions(items: PipeStage.summaries.map { .keyword($0.name, $0.summary) })
        }
        switch NameMatcher.candidates(first.text, among: PipeStage.names).first {
        case "display" where stage.count == 1:
            return Suggestions(items: DisplayFormat.allCases.map { .keyword($0.rawValue, "Show configuration as \($0.rawValue)") })
        case "match" where stage.count == 1, "except" where stage.count == 1:
            return Suggestions(items: [.placeholder("<regex>", "A regular expression")])
        default:
            return Suggestions(items: [.enter, .placeholder("|", "Another pipe")])
        }
    }
}
