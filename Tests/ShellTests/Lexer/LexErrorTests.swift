import ShellCore
import Testing

@Suite struct LexErrorTests {
    private static let cases: [(source: String, line: Int, column: Int, message: String)] = [
        (#"set a "b c"#, 1, 7, "unterminated double quote"),
        ("set a 'b c", 1, 7, "unterminated single quote"),
        ("show\nset é \"x\ny\"", 2, 7, "unterminated double quote"),
        (#"set a "b\"#, 1, 7, "unterminated double quote"),
        ("set a ${NOPE}", 1, 7, "undefined variable 'NOPE'"),
        (#"set a "x ${NOPE}""#, 1, 10, "undefined variable 'NOPE'"),
        ("ls\n  x${HOST}y${MISSING}", 2, 12, "undefined variable 'MISSING'"),
        ("set a ${HOST", 1, 7, "'${' without '}'"),
        ("set a ${HOST x}", 1, 7, "'${' without '}'"),
        (#"set a "${HOST""#, 1, 8, "'${' without '}'"),
        ("set a ${", 1, 7, "'${' without '}'"),
        ("set a ${HO-ST}", 1, 11, "invalid character '-' in variable name"),
        ("set a ${}", 1, 7, "empty variable name in '${}'"),
        ("set a\0b", 1, 6, "unexpected NUL character"),
        ("set a \u{1B}[0m", 1, 7, "unexpected control character U+001B"),
        ("set\ra", 1, 4, "unexpected control character U+000D"),
        ("set a\u{7F}", 1, 6, "unexpected control character U+007F"),
        ("set a\u{85}", 1, 6, "unexpected control character U+0085"),
        ("set a \\\0", 1, 8, "unexpected NUL character"),
        ("show |", 1, 6, "missing pipe stage after '|'"),
        ("show |  # comment", 1, 6, "missing pipe stage after '|'"),
        ("show | ; ls", 1, 6, "missing pipe stage after '|'"),
        ("show | count || x", 1, 14, "missing pipe stage after '|'"),
        ("| count", 1, 1, "missing command before '|'"),
        ("show; | count", 1, 7, "missing command before '|'"),
        ("; show", 1, 1, "unexpected ';' without a command before it"),
        ("show;; ls", 1, 6, "unexpected ';' without a command before it"),
    ]

    @Test(arguments: cases)
    func reportsPositionAndMessage(_ testCase: (source: String, line: Int, column: Int, message: String)) {
        #expect(lexError(testCase.source) == LexError(line: testCase.line, column: testCase.column, message: testCase.message))
    }

    @Test func positionsCountFromFirstLine() {
        #expect(throws: LexError(line: 42, column: 3, message: "unterminated single quote")) {
            try testLexer.lex("a 'b", firstLine: 42)
        }
    }

    @Test func errorsAfterContinuationUseThePhysicalLine() {
        #expect(lexError("set a \\\n  b ${NOPE}") == LexError(line: 2, column: 5, message: "undefined variable 'NOPE'"))
    }

    @Test func controlCharactersAreAllowedInsideQuotesAndComments() throws {
        #expect(try texts("set a \"x\0y\" 'p\u{1B}q' # \0\u{7}") == [["set", "a", "x\0y", "p\u{1B}q"]])
    }

    @Test func messagesAreOneLine() {
        for testCase in Self.cases {
            #expect(lexError(testCase.source)?.message.contains("\n") == false)
        }
    }
}
