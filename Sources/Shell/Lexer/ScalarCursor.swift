/// Reads the source one Unicode scalar at a time and keeps the position of the next one.
/// Scalars rather than `Character`s because columns are specified in scalars and because
/// grapheme breaking would merge `\r\n` or a combining mark after a quote into one unit.
/// They are decoded once into an array: stepping through `String.UnicodeScalarView` by
/// index costs several times more per scalar.
struct ScalarCursor {
    private let scalars: [Unicode.Scalar]
    private(set) var index: Int
    private(set) var position: SourcePosition

    init(_ source: String, firstLine: Int) {
        // One decoding pass into room for the worst case (one scalar per byte), rather than
        // a pass to count the scalars and another to copy them.
        scalars = [Unicode.Scalar](unsafeUninitializedCapacity: source.utf8.count) { buffer, count in
            var index = 0
            for scalar in source.unicodeScalars {
                buffer.initializeElement(at: index, to: scalar)
                index += 1
            }
            count = index
        }
        index = 0
        position = SourcePosition(line: firstLine, column: 1)
    }

    var isAtEnd: Bool { index == scalars.count }

    /// The scalar at the cursor, or `nil` at the end of the source.
    var current: Unicode.Scalar? { isAtEnd ? nil : scalars[index] }

    /// The scalar after the current one, for the two-scalar tokens `${` and `\r\n`.
    var next: Unicode.Scalar? { index + 1 < scalars.count ? scalars[index + 1] : nil }

    /// Whether a line break starts here. CRLF counts as one so that scripts saved on
    /// Windows work; a lone CR is a control character like any other.
    var isAtLineBreak: Bool {
        switch current {
        case "\n": true
        case "\r": next == "\n"
        default: false
        }
    }

    /// Moves past one scalar on the same physical line.
    mutating func advance() {
        index += 1
        position.column += 1
    }

    /// Moves past the longest run of scalars that satisfy `isPlain` and returns them: one
    /// step for the bulk of the text instead of one per scalar. `isPlain` must reject line
    /// breaks, which this does not count.
    mutating func advance(while isPlain: (Unicode.Scalar) -> Bool) -> ArraySlice<Unicode.Scalar> {
        let start = index
        while index < scalars.count, isPlain(scalars[index]) {
            index += 1
        }
        position.column += index - start
        return scalars[start..<index]
    }

    /// Moves past the line break at the cursor (see `isAtLineBreak`) to the next physical line.
    mutating func advancePastLineBreak() {
        index += current == "\r" ? 2 : 1
        position = SourcePosition(line: position.line + 1, column: 1)
    }

    /// The source between two indices this cursor has produced.
    func text(from start: Int, to end: Int) -> String {
        var text = UTF8Buffer()
        text.append(contentsOf: scalars[start..<end])
        return text.string
    }
}
