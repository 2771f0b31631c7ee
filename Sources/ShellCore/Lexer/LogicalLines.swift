#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The logical lines of a script: physical lines joined where one ends in a continuing
/// backslash, so the script runner can lex and run one command line at a time (a syntax
/// error late in a file stops the script there, after the lines before it ran) and still
/// report physical positions. Quotes and comments are taken into account: a backslash in
/// a comment or in single quotes does not continue the line. Never fails; errors are
/// reported when the line is lexed.
///
/// Only a backslash right before a line break continues a line, and quotes never span
/// lines, so a physical line without any backslash is a logical line by itself: those —
/// nearly every line of a real script — are cut out of the UTF-8 bytes directly. A line
/// with a backslash goes to the tokenizer, together with the lines it might continue onto.
public struct LogicalLines: Sequence, Sendable {
    private let source: String
    private let firstLine: Int

    public init(_ source: String, firstLine: Int = 1) {
        self.source = source
        self.firstLine = firstLine
    }

    public func makeIterator() -> Iterator {
        Iterator(source: source, firstLine: firstLine)
    }

    public struct Iterator: IteratorProtocol {
        private let source: String
        /// Byte offset in `source.utf8` of the next physical line not yet handed out.
        private var offset = 0
        private var line: Int
        /// Where the run of physical lines being handed out the tokenizer's way ends: lines
        /// some of which have a backslash — each line ending in one, and the line after.
        private var chunkEnd: Int?

        fileprivate init(source: String, firstLine: Int) {
            var source = source
            source.makeContiguousUTF8()
            self.source = source
            line = firstLine
        }

        public mutating func next() -> LogicalLine? {
            source.utf8.withContiguousStorageIfAvailable { bytes in next(in: bytes) }!
        }

        private mutating func next(in bytes: UnsafeBufferPointer<UInt8>) -> LogicalLine? {
            if let chunkEnd {
                if offset < chunkEnd { return nextInChunk(UnsafeBufferPointer(rebasing: bytes[..<chunkEnd])) }
                self.chunkEnd = nil
            }
            guard let cut = Self.cut(bytes, at: offset) else { return nil }
            guard let textEnd = cut.textEnd else {
                chunkEnd = cut.next
                return nextInChunk(UnsafeBufferPointer(rebasing: bytes[..<cut.next]))
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<textEnd]), as: UTF8.self)
            defer {
                offset = cut.next
                line += 1
            }
            return LogicalLine(text: text, line: line, isContinued: false)
        }

        /// The logical line at `offset`, read by a tokenizer over `chunk`, the source up to
        /// the end of the chunk. A fresh tokenizer per line reads as one kept across them
        /// would: nothing carries over a line break.
        private mutating func nextInChunk(_ chunk: UnsafeBufferPointer<UInt8>) -> LogicalLine {
            var tokenizer = Tokenizer<LenientReading>(chunk, at: offset, line: line, variables: { _ in nil }, knownWords: .none)
            tokenizer.scanLogicalLine()
            let logical = LogicalLine(
                text: tokenizer.cursor.text(from: offset, to: tokenizer.cursor.index), line: line,
                isContinued: tokenizer.endsInContinuation)
            tokenizer.finishLogicalLine()
            offset = tokenizer.cursor.index
            line = tokenizer.cursor.position.line
            return logical
        }

        /// Where the physical line at `start` ends. Without a backslash in it: the end of its
        /// text (before `\n` or `\r\n`) and the start of the next line. With one: `textEnd`
        /// nil and `next` past the line break of the first following line that does not end
        /// in a backslash — every line the logical line could continue onto.
        private static func cut(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (textEnd: Int?, next: Int)? {
            guard start < bytes.count else { return nil }
            let newline = UInt8(ascii: "\n"), backslash = UInt8(ascii: "\\"), carriageReturn = UInt8(ascii: "\r")
            let end = first(newline, in: bytes, start..<bytes.count)
            if first(backslash, in: bytes, start..<end) == end {
                guard end < bytes.count else { return (end, end) }
                let textEnd = end > start && bytes[end - 1] == carriageReturn ? end - 1 : end
                return (textEnd, end + 1)
            }
            var lineStart = start
            while true {
                let lineEnd = first(newline, in: bytes, lineStart..<bytes.count)
                guard lineEnd < bytes.count else { return (nil, lineEnd) }
                var last = lineEnd - 1
                if last >= lineStart, bytes[last] == carriageReturn { last -= 1 }
                guard last >= lineStart, bytes[last] == backslash else { return (nil, lineEnd + 1) }
                lineStart = lineEnd + 1
            }
        }

        /// The offset of the first `byte` in `range`, or its end if there is none. `memchr`
        /// compares a vector of bytes per step where a Swift loop compares one.
        private static func first(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
            guard !range.isEmpty, let base = bytes.baseAddress,
                let found = memchr(base + range.lowerBound, Int32(byte), range.count)
            else { return range.upperBound }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }
}

/// One logical line of a script, to be lexed with `Lexer.lex(text, firstLine: line)`.
public struct LogicalLine: Hashable, Sendable {
    /// The source text, continuation backslashes and inner line breaks kept so that lexing
    /// it counts physical lines; without the line break that ends it.
    public var text: String
    /// The physical line (1-based) where it starts.
    public var line: Int
    /// Whether the text ends in a continuing backslash with no line after it: an
    /// interactive reader should read another line, append it and lex the whole again.
    public var isContinued: Bool

    public init(text: String, line: Int, isContinued: Bool) {
        self.text = text
        self.line = line
        self.isContinued = isContinued
    }

    /// The text of physical line `number` (without its line break), to print under an
    /// error message with a caret; `nil` outside this logical line.
    public func physicalLine(_ number: Int) -> Substring? {
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.indices.contains(number - line) else { return nil }
        var physical = lines[number - line]
        if physical.last == "\r" {
            physical.removeLast()
        }
        return Substring(physical)
    }
}
