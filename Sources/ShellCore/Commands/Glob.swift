import Foundation

/// Shell-style patterns (`*`, `?`, `[…]`) for `search` and for keys that select entries, via
/// fnmatch(3). Case matters, as it does in the keys they match: a pattern's literal start is
/// a range of keys.
struct Glob {
    let pattern: String
    /// Whether a backslash quotes the character after it. `search` keeps fnmatch's
    /// meaning; a key pattern has nothing to quote (no key holds `*`, `?`, `[` or `]`), so
    /// there a backslash is a backslash, as it may be in a key.
    let backslashQuotes: Bool

    init(_ pattern: String, backslashQuotes: Bool = true) {
        self.pattern = pattern
        self.backslashQuotes = backslashQuotes
    }

    static let characters: Set<Character> = ["*", "?", "["]

    /// The characters the pattern starts with before any glob character (or a quoting
    /// backslash): every match starts with them, so they bound the keys to read.
    var literalPrefix: String {
        String(pattern.prefix { !Self.characters.contains($0) && !(backslashQuotes && $0 == "\\") })
    }

    func matches(_ text: String) -> Bool {
        fnmatch(pattern, text, backslashQuotes ? 0 : FNM_NOESCAPE) == 0
    }
}
