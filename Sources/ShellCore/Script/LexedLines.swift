import ConfigModel
import Foundation
import Synchronization

/// A script's logical lines with their commands, lexed on a second thread a little ahead of
/// the thread running them, and prepared there too (see `PreparedCommand`) while that
/// thread has time to spare.
///
/// Lexing a line depends on nothing the lines before it do (variables are fixed for the
/// run), and preparing it only on the location, which the runner checks. Short scripts are
/// lexed as they are run: a thread is not worth it for a few lines.
struct LexedLines: Sequence {
    struct Line: Sendable {
        let logical: LogicalLine
        let commands: Result<[CommandWords], LexError>
        /// One for each command, in order, nil for a command that could not be prepared;
        /// empty when the runner is left to prepare the commands itself.
        let prepared: [PreparedCommand?]
    }

    /// Below this size a script is lexed on the running thread.
    static let aheadThreshold = 1 << 20

    let text: String
    /// The physical line `text` starts at: a segment of a long file starts further on.
    var firstLine = 1
    let lexer: Lexer
    let resolver: PathResolver

    func makeIterator() -> Iterator {
        let lines = LogicalLines(text, firstLine: firstLine)
        return text.utf8.count < Self.aheadThreshold
            ? Iterator(inline: lines.makeIterator(), lexer: lexer)
            : Iterator(ahead: LexAhead(lines, lexer: lexer, resolver: resolver), lexer: lexer)
    }

    struct Iterator: IteratorProtocol {
        private var inline: LogicalLines.Iterator?
        /// Held while iterating: letting it go ends the lexing thread.
        private let ahead: LexAhead?
        private let lexer: Lexer
        private var chunk: [Line] = []
        private var index = 0

        fileprivate init(inline: LogicalLines.Iterator? = nil, ahead: LexAhead? = nil, lexer: Lexer) {
            self.inline = inline
            self.ahead = ahead
            self.lexer = lexer
        }

        mutating func next() -> Line? {
            if inline != nil { return inline!.next().map { LexedLines.lex($0, with: lexer, preparingWith: nil) } }
            if index == chunk.count {
                guard let ahead, let next = ahead.nextChunk() else { return nil }
                ahead.recycle(chunk)
                chunk = next
                index = 0
            }
            index += 1
            return chunk[index - 1]
        }
    }

    /// Lexes a line, and prepares its commands when given a resolver.
    fileprivate static func lex(_ logical: LogicalLine, with lexer: Lexer, preparingWith resolver: PathResolver?) -> Line {
        let commands = Result { () throws(LexError) in try lexer.lex(logical.text, firstLine: logical.line) }
        let prepared = resolver.flatMap { resolver in (try? commands.get())?.map { PreparedCommand($0, resolver: resolver) } } ?? []
        return Line(logical: logical, commands: commands, prepared: prepared)
    }
}

/// Starts the producer thread and stops it when the runner lets go of this, having stopped
/// early (an error, `exit`, an interrupt) or reached the end.
final class LexAhead {
    private let handover = LexHandover()

    init(_ lines: LogicalLines, lexer: Lexer, resolver: PathResolver) {
        let handover = self.handover
        Thread { handover.produce(lines, lexer, resolver) }.start()
    }

    deinit { handover.abandon() }

    /// The next lines in order; nil after the last.
    func nextChunk() -> [LexedLines.Line]? { handover.take() }

    /// Hands back lines the runner is done with, for the lexing thread to free: freeing a
    /// line's words costs about as much as lexing them did, and that thread has time.
    func recycle(_ chunk: [LexedLines.Line]) { handover.recycle(chunk) }
}

/// The bounded hand-over between the producer thread and the runner: chunks of lines, at
/// most `maxChunks` waiting, so a huge script is never lexed far ahead.
///
/// Unchecked: every stored property is read and written only with `condition` locked, a
/// condition variable, which Synchronization's `Mutex` does not offer.
final class LexHandover: @unchecked Sendable {
    private static let chunkSize = 128
    private static let maxChunks = 4

    // All below guarded by `condition`.
    private let condition = NSCondition()
    private var ready: [[LexedLines.Line]] = []
    private var spent: [[LexedLines.Line]] = []
    private var isFinished = false
    private var isAbandoned = false

    func take() -> [LexedLines.Line]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty, !isFinished { condition.wait() }
        guard !ready.isEmpty else { return nil }
        condition.broadcast()
        return ready.removeFirst()
    }

    func recycle(_ chunk: [LexedLines.Line]) {
        guard !chunk.isEmpty else { return }
        condition.lock()
        if !isFinished { spent.append(chunk) }
        condition.unlock()
    }

    func abandon() {
        condition.lock()
        isAbandoned = true
        condition.broadcast()
        condition.unlock()
    }

    /// Producer threads not yet ended, for the tests: a runner that stops early must not
    /// leave one blocked.
    static var running: Int { runningCount.load(ordering: .relaxed) }
    private static let runningCount = Atomic<Int>(0)

    func produce(_ lines: LogicalLines, _ lexer: Lexer, _ resolver: PathResolver) {
        Self.runningCount.add(1, ordering: .relaxed)
        defer { Self.runningCount.subtract(1, ordering: .relaxed) }
        var chunk: [LexedLines.Line] = []
        chunk.reserveCapacity(Self.chunkSize)
        // Preparing a line costs about what lexing it does. It is done here only while the
        // runner is the slower of the two, with chunks waiting for it; otherwise the runner
        // prepares each command itself, and neither thread waits for the other for long.
        var prepares = false
        for logical in lines {
            chunk.append(LexedLines.lex(logical, with: lexer, preparingWith: prepares ? resolver : nil))
            if chunk.count == Self.chunkSize {
                guard let waiting = hand(chunk) else { return }
                prepares = waiting >= 2
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { _ = hand(chunk) }
        condition.lock()
        isFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for room, then queues a chunk; returns how many chunks are then waiting, or nil
    /// once the runner has gone. Takes the spent chunks along, to be freed here once the
    /// lock is released.
    private func hand(_ chunk: [LexedLines.Line]) -> Int? {
        var freed: [[LexedLines.Line]] = []
        defer { freed.removeAll() }
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= Self.maxChunks, !isAbandoned { condition.wait() }
        guard !isAbandoned else { return nil }
        ready.append(chunk)
        swap(&freed, &spent)
        condition.broadcast()
        return ready.count
    }
}
