/// Collects the words of the command being read, routing each to the command or to the
/// current pipe stage, and remembers where it and its last `|` began for error positions.
struct CommandBuilder {
    private(set) var words: [Word] = []
    private(set) var pipes: [[Word]] = []
    private(set) var start: SourcePosition?
    /// Where the last `|` stood, to blame it when its stage stays empty.
    private(set) var lastPipe: SourcePosition?

    /// Whether nothing, not even a `|`, has been read since the last separator.
    var isEmpty: Bool { words.isEmpty && pipes.isEmpty }

    /// Whether a `|` was read and no word after it yet.
    var hasEmptyPipeStage: Bool { pipes.last?.isEmpty == true }

    mutating func append(_ word: Word) {
        if pipes.isEmpty {
            // A command has a handful of words: room for them at once, not by doubling.
            if words.isEmpty { words.reserveCapacity(8) }
            words.append(word)
        } else {
            pipes[pipes.count - 1].append(word)
        }
        if start == nil {
            start = SourcePosition(line: word.line, column: word.column)
        }
    }

    mutating func startPipeStage(at position: SourcePosition) {
        pipes.append([])
        lastPipe = position
        if start == nil {
            start = position
        }
    }

    /// The finished command, or `nil` when no word was read (blank line, comment).
    var command: CommandWords? {
        guard let start, !words.isEmpty else { return nil }
        return CommandWords(words: words, pipes: pipes, line: start.line, column: start.column)
    }
}
