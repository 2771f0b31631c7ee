import Foundation

/// Shell-style patterns (`*`, `?`, `[…]`) for `search`, case-insensitive, via fnmatch(3).
struct Glob {
    let pattern: String

    init(_ pattern: String) {
        self.pattern = pattern
    }

    /// GNU's FNM_CASEFOLD, which Swift does not import.
    private static let caseFold: Int32 = 1 << 4

    func matches(_ text: String) -> Bool {
        fnmatch(pattern, text, Self.caseFold) == 0
    }
}
