/// What an "unknown …" message offers instead of a word that names nothing: the names a
/// slip of the fingers away from it (a letter added, dropped or changed, two swapped), or,
/// when none is that close, every name. Command names, pipes and schema keywords all get
/// their hint here, so that every such message reads the same.
public enum NearestNames {
    /// No more are offered: a long "did you mean" is no help.
    static let limit = 3

    /// `did you mean manage-system?`, or `expected one of: …` when no name is close.
    public static func hint(for word: String, among names: [String]) -> String {
        let nearest = nearest(to: word, among: names)
        guard let last = nearest.last else { return "expected one of: \(names.joined(separator: ", "))" }
        let others = nearest.dropLast()
        return "did you mean \(others.isEmpty ? last : others.joined(separator: ", ") + " or " + last)?"
    }

    /// The names close to `word` (compared ignoring case), nearest first, then in the order
    /// given, so that the same slip always gets the same answer.
    public static func nearest(to word: String, among names: [String]) -> [String] {
        let longest = names.map(\.unicodeScalars.count).max() ?? 0
        // A word longer than any name plus the slips allowed is close to none: measured by
        // its bytes first, so that a pasted page is turned away without reading it whole.
        guard word.utf8.count <= 4 * (longest + maximumSlips), !word.isEmpty else { return [] }
        let typed = Array(word.lowercased().unicodeScalars)
        let allowed = min(maximumSlips, max(1, typed.count / 4))
        let scored = names.enumerated().compactMap { index, name -> (distance: Int, index: Int, name: String)? in
            let candidate = Array(name.lowercased().unicodeScalars)
            guard abs(candidate.count - typed.count) <= allowed else { return nil }
            let distance = editDistance(typed, candidate)
            return distance <= allowed ? (distance, index, name) : nil
        }
        return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(limit).map(\.name)
    }

    /// However long the word, more changes than this make another word, not a slip.
    private static let maximumSlips = 3

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbours each count one.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
