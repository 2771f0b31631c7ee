/// The scalars that go into a word as they are in one quoting context, which
/// `UTF8Cursor.advance(over:)` reads in runs. A type parameter rather than a closure, so
/// that each context gets its own loop, with its set loaded once and nothing called per byte.
protocol PlainText {
    /// The ASCII bytes that are plain here.
    static var plainASCII: ASCIISet { get }
    /// Whether C1 controls (U+0080–U+009F) are plain here; every other non-ASCII scalar is.
    static var allowsC1Controls: Bool { get }
}

/// Outside quotes: everything but blanks, controls and the characters with a meaning (`#`
/// means something only at the start of a word, which is not where runs are read).
enum UnquotedText: PlainText {
    static let plainASCII = ASCIISet { byte in
        !byte.isForbiddenASCIIControl && !" \t'\"\\$;|".utf8.contains(byte)
    }

    static var allowsC1Controls: Bool { false }
}

/// Inside `'…'`: everything up to the closing quote, except where a line may break (a CR
/// is plain only when no LF follows, which the tokenizer checks one byte at a time).
enum SingleQuotedText: PlainText {
    static let plainASCII = ASCIISet { byte in !"'\n\r".utf8.contains(byte) }

    static var allowsC1Controls: Bool { true }
}

/// Inside `"…"`: everything but the closing quote, escapes, variables and line breaks.
enum DoubleQuotedText: PlainText {
    static let plainASCII = ASCIISet { byte in !"\"\\$\n\r".utf8.contains(byte) }

    static var allowsC1Controls: Bool { true }
}
