/// Something that may come next at the cursor: a literal word the user can type (a
/// keyword, an existing key, an enum value), or a placeholder that describes free input
/// (`<value>`, `<Enter>`), which help lists but completion never inserts.
public struct Suggestion: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Matched case-insensitively by prefix: commands, keywords, sub-keywords.
        case keyword
        /// Matched exactly by prefix: list keys, values, file names.
        case literal
        /// Matched by prefix ignoring case, and never by nothing: an enum value's Admin label
        /// (`"Personal Mobile"`), offered once the user starts typing it.
        case label
        case placeholder
    }

    public let text: String
    public let description: String
    public let kind: Kind

    static func keyword(_ text: String, _ description: String) -> Suggestion { Suggestion(text: text, description: description, kind: .keyword) }
    static func literal(_ text: String, _ description: String = "") -> Suggestion { Suggestion(text: text, description: description, kind: .literal) }
    static func label(_ text: String, _ description: String) -> Suggestion { Suggestion(text: text, description: description, kind: .label) }
    static func placeholder(_ text: String, _ description: String) -> Suggestion { Suggestion(text: text, description: description, kind: .placeholder) }

    static let enter = placeholder("<Enter>", "Run the command")

    /// Whether a typed prefix selects this suggestion.
    public func matches(_ prefix: String) -> Bool {
        switch kind {
        case .keyword: text.hasPrefix(prefix.lowercased())
        case .literal: text.hasPrefix(prefix)
        case .label: !prefix.isEmpty && text.lowercased().hasPrefix(prefix.lowercased())
        case .placeholder: true
        }
    }
}

/// What may come next, with the number of further list keys not fetched.
public struct Suggestions: Sendable {
    public internal(set) var items: [Suggestion] = []
    public internal(set) var unlisted = 0
    /// Counting stopped at `NextWords.countCap`: there are at least `unlisted` more.
    public internal(set) var unlistedIsLowerBound = false
    /// Whether file names of the file system may come next.
    public internal(set) var files = false
    /// Why nothing may come next, naming the earlier word at fault (an unknown command or
    /// keyword, a word after a complete command): nil when the words before are fine.
    public internal(set) var blockedBy: String?

    /// Nothing may come next because of an earlier word.
    static func blocked(_ reason: String) -> Suggestions {
        Suggestions(blockedBy: reason)
    }
}
