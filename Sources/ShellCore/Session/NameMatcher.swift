import ConfigModel

typealias ConfigModelQuoting = ConfigModel.Quoting

/// Command names, pipe names and sub-keywords: case-insensitive, a unique prefix suffices,
/// and a word equal to a name selects it even when it prefixes others (`up`, not `update`).
enum NameMatcher {
    static func candidates(_ text: String, among names: [String]) -> [String] {
        let lowered = text.lowercased()
        if names.contains(lowered) { return [lowered] }
        return names.filter { $0.hasPrefix(lowered) }
    }

    /// The one name `word` selects. An unknown word gets the advice `habits` holds for it
    /// (see `Habits`), or else the nearest names.
    static func match(_ word: Word, among names: [String], what: String, habits: [String: String] = [:]) throws(CommandError) -> String {
        let found = candidates(word.text, among: names)
        switch found.count {
        case 1: return found[0]
        case 0:
            let hint = habits[word.text.lowercased()] ?? NearestNames.hint(for: word.text, among: names)
            throw CommandError("unknown \(what) '\(word.text.excerpt)'; \(hint)", at: word)
        default: throw CommandError("ambiguous \(what) '\(word.text.excerpt)': could be \(found.joined(separator: ", "))", at: word)
        }
    }
}
