import ShellCore
import Testing

@Suite struct PositionTests {
    private func positions(_ source: String, firstLine: Int = 1) throws -> [[Int]] {
        try testLexer.lex(source, firstLine: firstLine).flatMap { command in
            ([command.words] + command.pipes).flatMap { $0.map { [$0.line, $0.column] } }
        }
    }

    @Test func wordsRecordLineAndColumnOfTheirFirstCharacter() throws {
        #expect(try positions("set  a \"b c\"'d' \\e") == [[1, 1], [1, 6], [1, 8], [1, 17]])
    }

    @Test func columnsCountUnicodeScalars() throws {
        // "é" precomposed is one scalar, "e\u{301}" is two, "👩‍💻" is three.
        #expect(try positions("é x") == [[1, 1], [1, 3]])
        #expect(try positions("e\u{301} x") == [[1, 1], [1, 4]])
        #expect(try positions("'å' 👩‍💻 x") == [[1, 1], [1, 5], [1, 9]])
        #expect(try positions("\"ö😀\"\tz") == [[1, 1], [1, 6]])
    }

    @Test func linesCountFromFirstLine() throws {
        #expect(try positions("a\n\n  b\r\nc", firstLine: 10) == [[10, 1], [12, 3], [13, 1]])
    }

    @Test func continuationJoinsLinesAndKeepsPhysicalPositions() throws {
        let commands = try testLexer.lex("set a \\\n  b\\\nc \\\r\n  d\nshow")
        #expect(commands.count == 2)
        #expect(commands[0].words.map(\.text) == ["set", "a", "bc", "d"])
        #expect(commands[0].words.map { [$0.line, $0.column] } == [[1, 1], [1, 5], [2, 3], [4, 3]])
        #expect([commands[1].line, commands[1].column] == [5, 1])
    }

    @Test func continuationInsideDoubleQuotes() throws {
        let commands = try testLexer.lex("set a \"x\\\ny\" z")
        #expect(commands[0].words.map(\.text) == ["set", "a", "xy", "z"])
        #expect(commands[0].words.map { [$0.line, $0.column] } == [[1, 1], [1, 5], [1, 7], [2, 4]])
    }

    @Test func backslashInCommentOrSingleQuotesDoesNotContinue() throws {
        #expect(try texts("show # comment \\\nls") == [["show"], ["ls"]])
        #expect(lexError("set a 'x\\\ny'") == LexError(line: 1, column: 7, message: "unterminated single quote"))
    }

    @Test func trailingBackslashAtEndOfSourceIsDropped() throws {
        #expect(try texts("show a \\") == [["show", "a"]])
    }

    @Test func commandsRecordTheirStart() throws {
        let commands = try testLexer.lex("  top;  show x | count\n\tls")
        #expect(commands.map { [$0.line, $0.column] } == [[1, 3], [1, 9], [2, 2]])
    }

    @Test func pipeStageWordsHavePositions() throws {
        let commands = try testLexer.lex("show | match é")
        #expect(commands[0].pipes[0].map { [$0.line, $0.column] } == [[1, 8], [1, 14]])
    }
}
