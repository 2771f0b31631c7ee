import ShellCore

/// `alice@prod*!> `: user, store, `*` while changes are pending, `!` while the candidate's
/// base is behind the latest revision. Where the user is goes on a line of its own above
/// it (`context`), as Junos's `[edit …]` does, so that the prompt stays short at any depth.
struct Prompt {
    let session: Session

    var text: String {
        let status = try? session.candidate.status()
        let parts: [(String, String?)] = [
            ("\(session.options.user)@\(StoreName.of(session.store.location))", "1"),
            ((status?.pendingChanges ?? 0) > 0 ? "*" : "", "33"),
            (status?.isStale == true ? "!" : "", "31"),
            ("> ", nil),
        ]
        return session.options.color ? Self.painted(parts) : parts.map(\.0).joined()
    }

    /// `[edit manage-system authentication-methods method m1]`, shown above the prompt below
    /// the top; nil at the top.
    var context: String? {
        guard !session.location.isRoot else { return nil }
        let line = "[edit \(session.location)]"
        return session.options.color ? "\u{1B}[34m\(line)\u{1B}[0m" : line
    }

    /// Colours for a terminal. Each run of escape sequences goes between two \u{1} markers,
    /// which tell the editor it takes no width; runs are merged, never adjacent.
    static func painted(_ parts: [(text: String, style: String?)]) -> String {
        var result = ""
        var styled = false
        for part in parts where !part.text.isEmpty {
            var escapes = styled ? "\u{1B}[0m" : ""
            if let style = part.style { escapes += "\u{1B}[\(style)m" }
            if !escapes.isEmpty { result += "\u{1}" + escapes + "\u{1}" }
            result += part.text
            styled = part.style != nil
        }
        return styled ? result + "\u{1}\u{1B}[0m\u{1}" : result
    }
}
