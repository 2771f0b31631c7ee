import ConfigModel
import Foundation
import LineEditing
import ShellCore

/// TAB completion and `?` help for the line editor, driven by the schema, the command
/// table and the store (list keys by prefix, never the whole list).
public final class ShellCompleter: Completer {
    let session: Session

    public init(session: Session) {
        self.session = session
    }

    public func complete(_ textBeforeCursor: String) -> Completion {
        if let question = session.io.question {
            let matches = question.choices.filter { $0.hasPrefix(textBeforeCursor) }
            return Completion(replaceLength: textBeforeCursor.count, candidates: matches.map { Candidate($0, appendsSpace: false) })
        }
        guard let context = CompletionContext(session: session, text: textBeforeCursor) else { return .none }
        var candidates = context.suggestions.items.filter { $0.kind != .placeholder && $0.matches(context.prefix) }.map { suggestion in
            Candidate(context.insertPrefix + Quoting.word(suggestion.text), display: suggestion.text, description: suggestion.description)
        }
        if context.suggestions.files { candidates += FileNames.candidates(startingWith: context.prefix) }
        return Completion(
            replaceLength: context.replaceLength, candidates: candidates, unlisted: context.suggestions.unlisted,
            unlistedIsLowerBound: context.suggestions.unlistedIsLowerBound)
    }

    public func help(_ textBeforeCursor: String) -> [String] {
        if let question = session.io.question {
            return ["  \(question.help)"] + question.choices.map { "  \($0)" } + (question.defaultAnswer.map { ["  <Enter> for \($0)"] } ?? [])
        }
        guard let context = CompletionContext(session: session, text: textBeforeCursor) else { return [] }
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
        if session.io.question != nil { return false }
        return session.isInsideQuote(textBeforeCursor)
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
            return Candidate(Quoting.word(text), display: name + (isDirectory.boolValue ? "/" : ""), appendsSpace: !isDirectory.boolValue)
        }
    }
}
