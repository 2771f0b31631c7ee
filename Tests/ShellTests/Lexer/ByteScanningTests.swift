import ShellCore
import Testing

/// The lexer scans UTF-8 bytes and takes most words straight out of the source: these pin
/// down what that could get wrong — columns after multi-byte scalars, C1 controls (two bytes
/// each), words made of several pieces, and CRLF line breaks.
@Suite struct ByteScanningTests {
    private func positions(_ source: String) throws -> [[Int]] {
        try testLexer.lex(source).flatMap { command in
            ([command.words] + command.pipes).flatMap { $0.map { [$0.line, $0.column] } }
        }
    }

    @Test func columnsAfterMultiByteScalars() throws {
        #expect(try positions("😀x | y 😀 z") == [[1, 1], [1, 6], [1, 8], [1, 10]])
        #expect(try positions("\\é a") == [[1, 1], [1, 4]])
        #expect(lexError("é ${NOPE}") == LexError(line: 1, column: 3, message: "undefined variable 'NOPE'"))
        #expect(lexError("\"é\" 'ü") == LexError(line: 1, column: 5, message: "unterminated single quote"))
        #expect(lexError("x\n\u{10FFFF}é;;") == LexError(line: 2, column: 4, message: "unexpected ';' without a command before it"))
    }

    @Test func columnAtTheEndOfACommentWithMultiByteScalars() {
        let partial = testLexer.lexPartial("x # é😀")
        #expect(partial.isInComment)
        #expect(partial.current == Word(text: "", line: 1, column: 7, isQuoted: false))
    }

    @Test func nonASCIICharacterInVariableName() {
        #expect(lexError("${Aé}") == LexError(line: 1, column: 4, message: "invalid character 'é' in variable name"))
        #expect(lexError("é${A😀B}") == LexError(line: 1, column: 5, message: "invalid character '😀' in variable name"))
        #expect(lexError("${A\u{85}}") == LexError(line: 1, column: 4, message: "invalid character U+0085 in variable name"))
    }

    @Test func c1ControlsOutsideQuotes() {
        #expect(lexError("aé\u{80}") == LexError(line: 1, column: 3, message: "unexpected control character U+0080"))
        #expect(lexError("x \\\u{9F}") == LexError(line: 1, column: 4, message: "unexpected control character U+009F"))
        #expect(testLexer.lexPartial("set a\u{85}b").current.text == "a\u{85}b")
    }

    @Test func neighboursOfC1ControlsAreText() throws {
        // U+00A0 is 0xC2 0xA0, the first two-byte scalar after the C1 range.
        #expect(try texts("\u{A0}\u{BF}\u{100} \u{7E}") == [["\u{A0}\u{BF}\u{100}", "~"]])
        #expect(try texts("\"\u{85}\" '\u{9F}' \"\u{80}x\"") == [["\u{85}", "\u{9F}", "\u{80}x"]])
    }

    @Test func wordsOfSeveralPieces() throws {
        #expect(try texts(#"a\ b"c d"'e'${HOST}f\\g"#) == [[#"a bc degw.example.comf\g"#]])
        #expect(try texts(#"x"é"'ü'\😀 "ab"c a""b "x\ny""#) == [["xéü😀", "abc", "ab", "x\ny"]])
        #expect(try words(#""a"b"#).map(\.isQuoted) == [true])
    }

    @Test func lenientPiecesFromTheSource() {
        let undefined = testLexer.lexPartial(#"a${NOPE}b"c"#)
        #expect(undefined.current == Word(text: "a${NOPE}bc", line: 1, column: 1, isQuoted: true))
        #expect(undefined.openQuote == .double)
        let backslash = testLexer.lexPartial(#"set "a\"#)
        #expect(backslash.current.text == "a\\")
        #expect(backslash.openQuote == .double)
    }

    @Test func crlfLineBreaks() throws {
        #expect(try texts("a b\r\nc\r\n") == [["a", "b"], ["c"]])
        #expect(try texts("a # x\r\nb") == [["a"], ["b"]])
        #expect(try texts("\"a\rb\" 'c\rd'") == [["a\rb", "c\rd"]])
        #expect(try texts("\"a\\\r\nb\" c\\\r\nd") == [["ab", "cd"]])
        #expect(lexError("\"ab\r\nc") == LexError(line: 1, column: 1, message: "unterminated double quote"))
        #expect(lexError("set a\r") == LexError(line: 1, column: 6, message: "unexpected control character U+000D"))
    }

    @Test func crlfLogicalLines() {
        #expect(
            Array(LogicalLines("a\\\r\nb\r\nc\r\n")) == [
                LogicalLine(text: "a\\\r\nb", line: 1, isContinued: false),
                LogicalLine(text: "c", line: 3, isContinued: false),
            ])
    }
}
