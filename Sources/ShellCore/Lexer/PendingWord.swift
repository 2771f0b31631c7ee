/// A word while it is being read, pieces still arriving. Most words are one stretch of the
/// source — `user17`, or `User 17` inside its quotes — so the text is kept as that byte
/// range and becomes a `String` in one step at the end. Only a word whose pieces are not
/// adjacent in the source (a quote or a backslash between them, a variable's value, `\n`
/// in double quotes) gathers its bytes in a buffer.
struct PendingWord {
    let start: SourcePosition
    var isQuoted: Bool
    /// The text's bytes in the source while it is one stretch of it; empty before any piece.
    private var run = 0..<0
    /// The text's bytes once it is not one stretch of the source; `nil` until then.
    private var buffer: [UInt8]?

    init(start: SourcePosition, isQuoted: Bool) {
        self.start = start
        self.isQuoted = isQuoted
    }

    /// Appends the source bytes in `range`, which begins and ends on scalar boundaries.
    mutating func append(_ range: Range<Int>, of source: UnsafeBufferPointer<UInt8>) {
        guard !range.isEmpty else { return }
        if buffer == nil {
            if run.isEmpty {
                run = range
                return
            }
            if run.upperBound == range.lowerBound {
                run = run.lowerBound..<range.upperBound
                return
            }
            startBuffer(source)
        }
        buffer!.append(contentsOf: UnsafeBufferPointer(rebasing: source[range]))
    }

    /// Appends text that is not in the source as it stands: a variable's value, `\n`.
    mutating func append(_ text: String, of source: UnsafeBufferPointer<UInt8>) {
        if buffer == nil { startBuffer(source) }
        buffer!.append(contentsOf: text.utf8)
    }

    private mutating func startBuffer(_ source: UnsafeBufferPointer<UInt8>) {
        buffer = Array(UnsafeBufferPointer(rebasing: source[run]))
    }

    /// The finished word; a long one that `knownWords` holds is its string, not a copy.
    func word(in source: UnsafeBufferPointer<UInt8>, knownWords: KnownWords) -> Word {
        let text =
            if let buffer {
                String(decoding: buffer, as: UTF8.self)
            } else {
                knownWords.string(UnsafeBufferPointer(rebasing: source[run])) ?? String(decoding: UnsafeBufferPointer(rebasing: source[run]), as: UTF8.self)
            }
        return Word(text: text, at: start, isQuoted: isQuoted)
    }
}
