import ConfigModel
import Foundation
import LineEditing

/// TAB completion and `?` help for the line editor, driven by the schema, the command
/// table and the store (list keys by prefix, never the whole list).
public final class ShellCompleter: Completer {
    let session: Session

    public init(session: Session) {
        self.session = session
    }

    public func complete(_ textBeforeCursor: String) -> Completion {
        if let question = session.question {
            let matches = question.choices.filter { $0.hasPrefix(textBeforeCursor) }
            return Completion(replaceLength: textBeforeCursor.count, candidates: matches.map { Candidate($0, appendsSpace: false) })
        }
        guard let context = Context(session: session, text: textBeforeCursor) else { return .none }
        var candidates = context.suggestions.items.filter { $0.kind != .placeholder && $0.matches(context.prefix) }.map { suggestion in
            Candidate(context.insertPrefix + ConfigModelQuoting.word(suggestion.text), display: suggestion.text, description: suggestion.description)
        }
        if context.suggestions.files { candidates += FileNames.candidates(startingWith: context.prefix) }
        return Completion(replaceLength: context.replaceLength, candidates: candidates, unlisted: context.suggestions.unlisted,
                          unlistedIsLowerBound: context.suggestions.unlistedIsLowerBound)
    }

    public func help(_ textBeforeCursor: String) -> [String] {
        if let question = session.question {
            return ["  \(question.help)"] + question.choices.map { "  \($0)" } + (question.defaultAnswer.map { ["  <Enter> for \($0)"] } ?? [])
        }
        guard let context = Context(session: session, text: textBeforeCursor) else { return [] }
        let items = context.suggestions.items.filter { $0.matches(context.prefix) }
        if let reason = context.suggestions.blockedBy { return ["  (\(reason))"] }
        guard !items.isEmpty else { return ["  (nothing matches '\(context.prefix)' here)"] }
        let width = min(28, items.map(\.text.count).max() ?? 0)
        var lines = ["Possible completions:"]
        for item in items {
            let name = item.text.padding(toLength: max(width, item.text.count) + 2, withPad: " ", startingAt: 0)
            lines.append("  " + (item.description.isEmpty ? item.text : name + item.description))
        }
        if context.suggestions.unlisted > 0 {
            let more = context.suggestions.unlisted
            lines.append("  … and \(more)\(context.suggestions.unlistedIsLowerBound ? "+" : "") more")
        }
        return lines
    }

    public func isInsideQuote(_ textBeforeCursor: String) -> Bool {
        if session.question != nil { return false }
        return session.lexer.lexPartial(textBeforeCursor).openQuote != nil
    }

    /// The line before the cursor, understood: what may come next and the word being typed.
    struct Context {
        let suggestions: Suggestions
        /// The word being typed, without its quotes.
        let prefix: String
        /// Prepended to every candidate (`/` for an absolute path being typed).
        let insertPrefix: String
        /// Characters before the cursor that a chosen candidate replaces.
        let replaceLength: Int

        init?(session: Session, text: String) {
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
}

/// File names for `load`, `save` and `source`.
enum FileNames {
    static func candidates(startingWith prefix: String) -> [Candidate] {
        let slash = prefix.lastIndex(of: "/")
        let directory = slash.map { String(prefix[...$0]) } ?? ""
        let stem = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        return names.filter { $0.hasPrefix(stem) && ($0.hasPrefix(".") == stem.hasPrefix(".")) }.sorted().map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + name, isDirectory: &isDirectory)
            let text = directory + name + (isDirectory.boolValue ? "/" : "")
            return Candidate(ConfigModelQuoting.word(text), display: name + (isDirectory.boolValue ? "/" : ""), appendsSpace: !isDirectory.boolValue)
        }
    }
}
