import Foundation

/// Shell-style patterns (`*`, `?`, `[…]`) for `search`, via fnmatch(3). Case matters, as it
/// does in the user ids they match: a pattern's literal start is a range of keys.
struct Glob {
    let pattern: String

    init(_ pattern: String) {
        self.pattern = pattern
    }

    func matches(_ text: String) -> Bool {
        fnmatch(pattern, text, 0) == 0
    }
}
