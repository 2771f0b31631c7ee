/// The lines a terminal would show for some output: what a person sees, rather than the
/// bytes a line editor sent to draw it.
///
/// Line editors move the cursor and redraw with escape sequences, so two programs can show
/// the same screen with different bytes, and the same bytes can hide a missing newline. This
/// plays the output on an endless page (no scrolling region, nothing falls off the top) and
/// understands what libedit sends for `TERM=xterm`: CR, LF, backspace, tab, wrapping at the
/// right margin, cursor moves (CSI A, B, C, D, G), erasing (CSI K, J) and the bell. Other
/// escape sequences (modes, colours, titles) change nothing that is read here and are skipped.
public struct ScreenLines {
    private let columns: Int
    /// Scalars, not characters: Swift reads CR LF as one character, a terminal as two moves.
    private var rows: [[Unicode.Scalar]] = [[]]
    private var row = 0
    private var column = 0
    /// The cursor is past the last column: the next character wraps first, as in xterm.
    private var pendingWrap = false

    public init(columns: Int) {
        self.columns = columns
    }

    /// The screen after `output`, played on a blank page.
    public init(columns: Int, output: some Sequence<UInt8>) {
        self.init(columns: columns)
        play(String(decoding: Array(output), as: UTF8.self))
    }

    /// Every line down to the last that shows something, without trailing blanks.
    public var lines: [String] {
        var lines = rows.map { row in
            var text = String.UnicodeScalarView(row)
            while text.last == " " { text.removeLast() }
            return String(text)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    public mutating func play(_ text: String) {
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\r":
                column = 0
                pendingWrap = false
            case "\n": moveDown(1)
            case "\u{8}":
                column = max(0, column - 1)
                pendingWrap = false
            case "\t": column = min(columns - 1, (column / 8 + 1) * 8)
            case "\u{7}": break
            case "\u{1B}": scalars = skipOrApplyEscape(scalars)
            case "\u{0}"..<" ", "\u{7F}": break
            default: write(scalar)
            }
        }
    }

    private mutating func write(_ scalar: Unicode.Scalar) {
        if pendingWrap {
            column = 0
            moveDown(1)
        }
        while rows[row].count <= column { rows[row].append(" ") }
        rows[row][column] = scalar
        if column == columns - 1 {
            pendingWrap = true
        } else {
            column += 1
        }
    }

    private mutating func moveDown(_ count: Int) {
        row += count
        while rows.count <= row { rows.append([]) }
        pendingWrap = false
    }

    /// Applies a CSI sequence it knows, skips any other escape sequence; returns the rest.
    private mutating func skipOrApplyEscape(_ text: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
        var rest = text
        guard let kind = rest.popFirst() else { return rest }
        guard kind == "[" else {
            // Two-character sequences such as ESC = and ESC >; ESC ] runs up to BEL.
            if kind == "]", let end = rest.firstIndex(of: "\u{7}") { return rest[rest.index(after: end)...] }
            return rest
        }
        var parameters = ""
        while let next = rest.first, (" "..."?").contains(next) {
            parameters.unicodeScalars.append(next)
            rest.removeFirst()
        }
        guard let final = rest.popFirst() else { return rest }
        let count = max(1, Int(parameters) ?? 1)
        switch final {
        case "A":
            row = max(0, row - count)
            pendingWrap = false
        case "B": moveDown(count)
        case "C":
            column = min(columns - 1, column + count)
            pendingWrap = false
        case "D":
            column = max(0, column - count)
            pendingWrap = false
        case "G":
            column = min(columns - 1, count - 1)
            pendingWrap = false
        case "K": rows[row].removeSubrange(min(column, rows[row].count)...)
        case "J":
            rows[row].removeSubrange(min(column, rows[row].count)...)
            rows.removeSubrange((row + 1)...)
        default: break
        }
        return rest
    }
}
