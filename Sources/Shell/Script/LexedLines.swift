import ConfigModel
import Foundation

/// A script's logical lines with their commands, lexed and prepared (see `PreparedCommand`)
/// on a second thread a little ahead of the thread running them.
///
/// Lexing a line depends on nothing the lines before it do (variables are fixed for the
/// run), and preparing it only on the location, which the runner checks; together they are
/// about half of running a script of `set` lines, and on two cores they then cost the runner
/// nothing. Short scripts are lexed as they are run: a thread is not worth it for a few lines.
struct LexedLines: Sequence {
    struct Line: Sendable {
        let logical: LogicalLine
        let commands: Result<[CommandWords], LexError>
        /// One for each command, in order; nil for a command that could not be prepared.
        let prepared: [PreparedCommand?]
    }

    /// Below this size a script is lexed on the running thread.
    static let aheadThreshold = 1 << 20

    let text: String
    let lexer: Lexer
    var resolver = PathResolver()

    func makeIterator() -> Iterator {
        text.utf8.count < Self.aheadThreshold
            ? Iterator(inline: LogicalLines(text).makeIterator(), lexer: lexer, resolver: resolver)
            : Iterator(ahead: LexAhead(text, lexer: lexer, resolver: resolver), lexer: lexer, resolver: resolver)
    }

    struct Iterator: IteratorProtocol {
        private var inline: LogicalLines.Iterator?
        /// Held while iterating: letting it go ends the lexing thread.
        private let ahead: LexAhead?
        private let lexer: Lexer
        private let resolver: PathResolver
        private var chunk: [Line] = []
        private var index = 0

        fileprivate init(inline: LogicalLines.Iterator? = nil, ahead: LexAhead? = nil, lexer: Lexer, resolver: PathResolver) {
            self.inline = inline
            self.ahead = ahead
            self.lexer = lexer
            self.resolver = resolver
        }

        mutating func next() -> Line? {
            if inline != nil { return inline!.next().map { LexedLines.lex($0, with: lexer, resolver: resolver) } }
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

    fileprivate static func lex(_ logical: LogicalLine, with lexer: Lexer, resolver: PathResolver) -> Line {
        let commands = Result { () throws(LexError) in try lexer.lex(logical.text, firstLine: logical.line) }
        let prepared = (try? commands.get())?.map { PreparedCommand($0, resolver: resolver) } ?? []
        return Line(logical: logical, commands: commands, prepared: prepared)
    }
}

/// Starts the producer thread and stops it when the runner lets go of this, having stopped
/// early (an error, `exit`, an interrupt) or reached the end.
final class LexAhead {
    private let handover = LexHandover()

    init(_ text: String, lexer: Lexer, resolver: PathResolver) {
        let handover = self.handover
        Thread { handover.produce(text, lexer, resolver) }.start()
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
final class LexHandover: @unchecked Sendable {
    private static let chunkSize = 32
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
    static var running: Int { runningLock.withLock { runningCount } }
    private static let runningLock = NSLock()
    nonisolated(unsafe) private static var runningCount = 0

    func produce(_ text: String, _ lexer: Lexer, _ resolver: PathResolver) {
        Self.runningLock.withLock { Self.runningCount += 1 }
        defer { Self.runningLock.withLock { Self.runningCount -= 1 } }
        var chunk: [LexedLines.Line] = []
        chunk.reserveCapacity(Self.chunkSize)
        for logical in LogicalLines(text) {
            chunk.append(LexedLines.lex(logical, with: lexer, resolver: resolver))
            if chunk.count == Self.chunkSize {
                guard hand(chunk) else { return }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { _ = hand(chunk) }
        condition.lock()
        isFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for room, then queues a chunk; false once the runner has gone. Takes the
    /// spent chunks along, to be freed here once the lock is released.
    private func hand(_ chunk: [LexedLines.Line]) -> Bool {
        var freed: [[LexedLines.Line]] = []
        defer { freed.removeAll() }
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= Self.maxChunks, !isAbandoned { condition.wait() }
        guard !isAbandoned else { return false }
        ready.append(chunk)
        swap(&freed, &spent)
        condition.broadcast()
        return true
    }
}
