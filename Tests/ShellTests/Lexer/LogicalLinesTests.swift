import ShellCore
import Testing

@Suite struct LogicalLinesTests {
    private func lines(_ source: String, firstLine: Int = 1) -> [LogicalLine] {
        Array(LogicalLines(source, firstLine: firstLine))
    }

    @Test func splitsPhysicalLines() {
        #expect(
            lines("a\n\nb c\r\nd\n") == [
                LogicalLine(text: "a", line: 1, isContinued: false),
                LogicalLine(text: "", line: 2, isContinued: false),
                LogicalLine(text: "b c", line: 3, isContinued: false),
                LogicalLine(text: "d", line: 4, isContinued: false),
            ])
        #expect(lines("") == [])
    }

    @Test func joinsContinuedLines() {
        #expect(
            lines("set a \\\n  b \"x\\\ny\"\nshow", firstLine: 5) == [
                LogicalLine(text: "set a \\\n  b \"x\\\ny\"", line: 5, isContinued: false),
                LogicalLine(text: "show", line: 8, isContinued: false),
            ])
    }

    @Test func backslashInCommentsSingleQuotesOrEscapedDoesNotContinue() {
        #expect(lines("a # c \\\nb 'q\\\nc \\\\\nd").map(\.line) == [1, 2, 3, 4])
    }

    @Test func newlineInsideAnOpenQuoteEndsTheLine() {
        #expect(lines("set a \"b\nshow").map(\.text) == ["set a \"b", "show"])
    }

    @Test func reportsAContinuationWithNothingAfterIt() {
        #expect(lines("show \\") == [LogicalLine(text: "show \\", line: 1, isContinued: true)])
        #expect(lines("show \"a\\") == [LogicalLine(text: "show \"a\\", line: 1, isContinued: true)])
        #expect(lines("show \\\\").map(\.isContinued) == [false])
    }

    @Test func errorsDoNotStopSplitting() {
        #expect(lines("a ${NOPE\nb ${}\n| c\n'x").map(\.text) == ["a ${NOPE", "b ${}", "| c", "'x"])
    }

    @Test func lexingEachLineGivesTheSamePositionsAsTheWholeScript() throws {
        let script = "set a \\\n  \"b\"\n\n  show | count; ls\nx 'y' \\\n z"
        let byLine = try LogicalLines(script).flatMap { try testLexer.lex($0.text, firstLine: $0.line) }
        #expect(byLine == (try testLexer.lex(script)))
    }

    @Test func physicalLineForCaretDisplay() {
        let line = LogicalLine(text: "set a \\\r\n  b \\\n c", line: 7, isContinued: false)
        #expect(line.physicalLine(7) == "set a \\")
        #expect(line.physicalLine(8) == "  b \\")
        #expect(line.physicalLine(9) == " c")
        #expect(line.physicalLine(6) == nil)
        #expect(line.physicalLine(10) == nil)
    }
}
