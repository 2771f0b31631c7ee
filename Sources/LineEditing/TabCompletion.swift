/// What a TAB does to the line, decided from the completer's answer alone.
enum TabAction: Equatable {
    /// Delete `scalars` Unicode scalars before the cursor, then insert `text`.
    /// libedit counts in scalars (one `wchar_t` each), Swift in characters.
    case replace(scalars: Int, with: String)
    case list([Candidate])
    case beep
}

extension TabAction {
    /// One candidate completes the word; several extend it to their longest
    /// common prefix; a repeated TAB that cannot extend further lists them.
    init(_ completion: Completion, textBeforeCursor: String, isRepeat: Bool) {
        let candidates = completion.candidates
        let replaced = textBeforeCursor.suffix(max(0, completion.replaceLength))
        let deleting = replaced.unicodeScalars.count
        switch candidates.count {
        case 0:
            self = .beep
        case 1:
            let only = candidates[0]
            self = .replace(scalars: deleting, with: only.text + (only.appendsSpace ? " " : ""))
        default:
            let prefix = Self.longestCommonPrefix(candidates.map(\.text))
            if isRepeat {
                self = .list(candidates)
            } else if prefix.count >= replaced.count, prefix != replaced {
                self = .replace(scalars: deleting, with: String(prefix))
            } else {
                self = .beep
            }
        }
    }

    static func longestCommonPrefix(_ texts: [String]) -> Substring {
        guard var prefix = texts.first?[...] else { return "" }
        for text in texts.dropFirst() {
            prefix = prefix.prefix(zip(prefix, text).prefix { $0 == $1 }.count)
        }
        return prefix
    }
}
