import ConfigModel
import ShellCore
import Testing

/// SPEC §9: any input gets a result or an error, never a crash, a hang or a stack overflow.
@Suite struct RobustnessTests {
    private static let tenMegabytes = 10 * 1024 * 1024
    /// Enough to show the absence of quadratic work without slowing debug test runs.
    private static let oneMegabyte = 1024 * 1024

    @Test func tenMegabyteWord() throws {
        let value = String(repeating: "a", count: Self.tenMegabytes)
        let commands = try testLexer.lex("set x " + value)
        #expect(commands.count == 1)
        #expect(commands[0].words.count == 3)
        #expect(commands[0].words[2].text.utf8.count == Self.tenMegabytes)
    }

    @Test func megabyteLineOfWords() throws {
        let commands = try testLexer.lex(String(repeating: "ab ", count: Self.oneMegabyte / 3))
        #expect(commands[0].words.count == Self.oneMegabyte / 3)
        #expect(commands[0].words.last?.column == Self.oneMegabyte / 3 * 3 - 2)
    }

    @Test func megabyteUnterminatedQuote() {
        let source = "set x \"" + String(repeating: "q", count: Self.oneMegabyte)
        #expect(lexError(source) == LexError(line: 1, column: 7, message: "unterminated double quote"))
    }

    @Test func hundredThousandAdjacentQuotedPieces() throws {
        let pieces = 100_000
        let source = String(repeating: #""a"'b'\c"#, count: pieces)
        let result = try words(source)
        #expect(result.count == 1)
        #expect(result[0].text == String(repeating: "abc", count: pieces))
        #expect(result[0].isQuoted)
    }

    @Test func hundredThousandNestedLookingQuotes() throws {
        // Quotes do not nest; this is a long run of alternating quoted pieces.
        let source = String(repeating: #""'"#, count: 100_000) + String(repeating: #"'""#, count: 100_000)
        #expect(try texts(source).count == 1)
        #expect(lexError(String(repeating: "\"'", count: 100_001)) != nil)
    }

    @Test func manyBadVariableOpeningsStayLinear() {
        let source = String(repeating: "${", count: 100_000)
        #expect(lexError(source) == LexError(line: 1, column: 3, message: "invalid character '$' in variable name"))
        let partial = testLexer.lexPartial(source)
        #expect(partial.current.text.unicodeScalars.count == 200_000)
        #expect(Array(LogicalLines(source)).count == 1)
    }

    @Test func longContinuationChain() throws {
        let commands = try testLexer.lex(String(repeating: "a\\\n", count: 100_000) + "b")
        #expect(commands[0].words.map(\.text) == [String(repeating: "a", count: 100_000) + "b"])
        #expect(Array(LogicalLines(String(repeating: "a\\\n", count: 100_000))).count == 1)
    }

    @Test func nulBytesEverywhere() {
        let source = String(repeating: "\0", count: 1000)
        #expect(lexError(source) == LexError(line: 1, column: 1, message: "unexpected NUL character"))
        #expect(testLexer.lexPartial(source).current.text.unicodeScalars.count == 1000)
    }

    @Test func oddScalarsAreOrdinaryText() throws {
        let odd = "\u{FFFD} \u{FEFF}x \u{200B} \u{202E}abc \u{10FFFF} \u{E000} \u{301}\u{301} \u{A0}"
        #expect(try texts(odd) == [["\u{FFFD}", "\u{FEFF}x", "\u{200B}", "\u{202E}abc", "\u{10FFFF}", "\u{E000}", "\u{301}\u{301}", "\u{A0}"]])
        let positions = try words("\u{FFFD}\u{FFFD} x").map(\.column)
        #expect(positions == [1, 4])
    }

    @Test func randomInputNeverCrashes() {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet: [Unicode.Scalar] = Array(" \t\n\r\\\"'$;|#{}?\0\u{7}abcé😀\u{FFFD}\u{301}".unicodeScalars)
        for _ in 0..<3_000 {
            var source = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                if Bool.random(using: &generator) {
                    source.append(alphabet.randomElement(using: &generator)!)
                } else {
                    source.append(Self.randomScalar(using: &generator))
                }
            }
            checkConsistency(String(source))
        }
    }

    /// Whatever the input, lexing succeeds or fails at a position inside the source, and
    /// lexing line by line agrees with lexing the whole.
    private func checkConsistency(_ source: String) {
        let whole = Result { () throws(LexError) in try testLexer.lex(source) }
        let byLine = Result { () throws(LexError) in
            var commands: [CommandWords] = []
            for line in LogicalLines(source) {
                commands += try testLexer.lex(line.text, firstLine: line.line)
            }
            return commands
        }
        #expect(whole == byLine, "\(source.debugDescription)")
        if case .failure(let error) = whole {
            let physicalLines = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(physicalLines.indices.contains(error.line - 1), "\(source.debugDescription)")
            #expect(error.column >= 1 && error.column <= physicalLines[error.line - 1].count + 1, "\(source.debugDescription)")
        }
        _ = testLexer.lexPartial(source)
    }

    private static func randomScalar(using generator: inout some RandomNumberGenerator) -> Unicode.Scalar {
        while true {
            if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &generator)) {
                return scalar
            }
        }
    }
}
