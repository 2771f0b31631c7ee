/// The command under the cursor in a half-typed line: what completion and `?` help need to
/// know which words may come next and how to insert one.
public struct PartialLine: Hashable, Sendable {
    /// The command's complete words before the first `|` (all of them when the cursor is
    /// in a pipe stage).
    public var words: [Word]
    /// The pipe stages started so far, each with its complete words; when not empty, the
    /// cursor is in the last one.
    public var pipes: [[Word]]
    /// The word under the cursor, as far as it is typed: empty, and positioned at the
    /// cursor, when the cursor follows a blank, `;`, `|` or nothing.
    public var current: Word
    /// The quote the cursor is inside, which a completion must close.
    public var openQuote: Quote?
    /// Whether the cursor is inside a comment, where there is nothing to complete.
    public var isInComment: Bool

    public init(words: [Word], pipes: [[Word]], current: Word, openQuote: Quote?, isInComment: Bool) {
        self.words = words
        self.pipes = pipes
        self.current = current
        self.openQuote = openQuote
        self.isInComment = isInComment
    }
}
