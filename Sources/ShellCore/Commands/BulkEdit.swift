import ConfigModel

/// `set` and `delete` of a path with a pattern for a key (SPEC §5): the edit is made to each
/// existing entry that matches, as one command, so that it is undone whole, and the
/// candidate checks the user's permissions on every entry it changed as on a single edit.
enum BulkEdit {
    /// At the keyboard, changing more entries than this is asked about first.
    static let confirmationThreshold = 100

    /// Runs `edit` on each path `pattern` names (only those that exist throughout, with
    /// `existingOnly`), then says how many entries it changed. `edit` says whether it changed
    /// anything. Nothing matching is an error naming the pattern.
    static func apply(
        _ pattern: EntryPattern, verb: String, existingOnly: Bool, _ invocation: Invocation, _ edit: (ConfigPath) throws -> Bool
    ) throws {
        let session = invocation.session
        let candidate = session.candidate
        func forEachMatch(_ body: (ConfigPath) throws -> Void) throws {
            try pattern.forEachMatch(in: candidate) { path in
                if existingOnly, try candidate.missingEntry(along: path) != nil { return true }
                try body(path)
                if Interrupt.isPending { throw CommandError("\(verb) interrupted; nothing changed", code: .interrupted, at: invocation.name) }
                return true
            }
        }
        let noMatch = CommandError("no entry matches \(pattern.selectionDescription)", at: patternWord(of: invocation), path: pattern.selection)
        if session.runsTypedCommand {
            // Counted before anything changes, so that the question can say how many.
            var count = 0
            try forEachMatch { _ in count += 1 }
            guard count > 0 else { throw noMatch }
            // The question says what happens to each: `delete them all?`, `delete email in each?`.
            let below = pattern.belowSelection
            let action = below.isRoot ? "\(verb) them all?" : "\(verb) \(below) in each?"
            if count > confirmationThreshold, session.confirms("\(count) entries match \(pattern.patternDescription); \(action)", defaultAnswer: false) != true
            {
                invocation.print("Nothing changed")
                return
            }
        }
        var matched = 0
        var changed = 0
        try forEachMatch { path in
            matched += 1
            if try edit(path) { changed += 1 }
        }
        guard matched > 0 else { throw noMatch }
        invocation.data = .object([("matched", .number(matched)), ("changed", .number(changed))])
        invocation.print(summary(matched: matched, changed: changed))
    }

    /// The first word written as a pattern, which an error points at.
    static func patternWord(of invocation: Invocation) -> Word? {
        invocation.arguments.first { ListKey.isPattern($0.text) }
    }

    /// `3 entries changed`, or `2 of 3 matching entries changed` when some already were as asked.
    static func summary(matched: Int, changed: Int) -> String {
        let entries = "entr\(matched == 1 ? "y" : "ies")"
        return changed == matched ? "\(changed) \(entries) changed" : "\(changed) of \(matched) matching \(entries) changed"
    }
}
