extension NextWords {
    /// After `publish`: `confirmed DURATION` first if at all, then `comment TEXT`.
    func publish(_ arguments: [Word]) -> Suggestions {
        let comment = Suggestion.keyword("comment", "Say why, for the history")
        switch arguments.first.map({ try? NameMatcher.match($0, among: ["comment", "confirmed"], what: "publish option") }) {
        case nil:
            return Suggestions(items: [comment, .keyword("confirmed", "Revert unless confirmed within a duration"), .enter])
        case "confirmed"?:
            if arguments.count == 1 { return Suggestions(items: [.placeholder("<duration>", "Minutes, or 90s, 10m, 1h")]) }
            return arguments.count == 2 ? Suggestions(items: [comment, .enter]) : Suggestions(items: [.placeholder("<text>", "The comment"), .enter])
        default:
            return Suggestions(items: [.placeholder("<text>", "The comment"), .enter])
        }
    }
}
