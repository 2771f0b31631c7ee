import Testing

@testable import ShellCore

/// A long script is lexed on a second thread; what the runner gets must not depend on it.
@Suite(.serialized) struct LexedLinesTests {
    private static let lexer = Lexer { name in name == "HOST" ? "ag.example.com" : nil }

    /// Over the threshold, with a continued line, a variable, a lexing error and a last
    /// line without a line break.
    private static let longScript: String = {
        longScriptLines(over: 100_000) { index in
            switch index % 500 {
            case 7: "set manage-system distribution-services global-settings external-dns-name ${HOST}"
            case 11: "set manage-accounts-and-storage user-accounts user u\(index) \\\n  display-name \"User \(index)\""
            case 13: "set x \"unterminated"
            default: "set manage-accounts-and-storage user-accounts user u\(index) email u\(index)@example.com; show | count"
            }
        }.joined(separator: "\n")
    }()

    private static func inline(_ text: String) -> [LexedLines.Line] {
        LogicalLines(text).map { logical in
            LexedLines.Line(
                logical: logical, commands: Result { () throws(LexError) in try lexer.lex(logical.text, firstLine: logical.line) },
                prepared: [])
        }
    }

    @Test func aLongScriptLexedAheadGivesTheLinesInOrderAsLexingThemInline() {
        let ahead = Array(LexedLines(text: Self.longScript, lexer: Self.lexer))
        let inline = Self.inline(Self.longScript)
        #expect(ahead.count == inline.count)
        #expect(ahead.map(\.logical) == inline.map(\.logical))
        #expect(ahead.map(\.commands) == inline.map(\.commands))
    }

    @Test func aShortScriptIsLexedInlineWithTheSameResult() {
        let text = "set a b\nset c \"d\nshow; status\n"
        #expect(Array(LexedLines(text: text, lexer: Self.lexer)).map(\.commands) == Self.inline(text).map(\.commands))
    }

    @Test func stoppingEarlyLetsTheLexingThreadGo() async throws {
        for _ in 0..<20 {
            var lines = LexedLines(text: Self.longScript, lexer: Self.lexer).makeIterator()
            #expect(lines.next()?.logical.line == 1)
        }
        // Each producer was left waiting for room; dropping its iterator must end it.
        var waited = 0
        while LexHandover.running > 0, waited < 100 {
            try await Task.sleep(nanoseconds: 50_000_000)
            waited += 1
        }
        #expect(LexHandover.running == 0)
    }
}
