/// A word while it is being read, pieces still arriving.
struct PendingWord {
    let start: SourcePosition
    var isQuoted: Bool
    var text = UTF8Buffer()

    init(start: SourcePosition, isQuoted: Bool) {
        self.start = start
        self.isQuoted = isQuoted
    }

    var word: Word { Word(text: text.string, at: start, isQuoted: isQuoted) }
}
