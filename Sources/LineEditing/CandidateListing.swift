/// Lays out candidates for printing below the line, at most one screenful.
///
/// Without descriptions the names go in columns, filled top to bottom as `ls`
/// does; with descriptions each candidate gets its own line, descriptions aligned.
/// Widths count characters, so East Asian wide characters may overflow a column.
enum CandidateListing {
    static let gap = 2

    static func lines(_ candidates: [Candidate], unlisted: Int = 0, atLeast: Bool = false, width: Int, height: Int) -> [String] {
        guard !candidates.isEmpty else { return [] }
        let nameWidth = candidates.map(\.display.count).max() ?? 0
        let maxRows = max(1, height - 2)  // leave room for the "more" line and the prompt
        if candidates.contains(where: { !$0.description.isEmpty }) {
            let shown = candidates.prefix(maxRows)
            let rows = shown.map { candidate in
                let line =
                    candidate.description.isEmpty
                    ? candidate.display
                    : pad(candidate.display, to: nameWidth + gap) + candidate.description
                return String(line.prefix(max(1, width))).trimmingTrailingSpaces()
            }
            return rows + more(candidates.count - shown.count + unlisted, atLeast: atLeast)
        }
        let columns = max(1, (width + gap) / (nameWidth + gap))
        let shown = candidates.prefix(maxRows * columns)
        let rows = (shown.count + columns - 1) / columns
        let lines = (0..<rows).map { row in
            stride(from: row, to: shown.count, by: rows)
                .map { pad(shown[$0].display, to: nameWidth + gap) }
                .joined()
                .trimmingTrailingSpaces()
        }
        return lines + more(candidates.count - shown.count + unlisted, atLeast: atLeast)
    }

    private static func more(_ hidden: Int, atLeast: Bool = false) -> [String] {
        hidden > 0 ? ["… and \(hidden)\(atLeast ? "+" : "") more"] : []
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
