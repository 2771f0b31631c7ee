import ShellCore
import Testing

@Suite struct PartialLineTests {
    @Test func wordUnderTheCursor() {
        let partial = testLexer.lexPartial("edit manage-system dist")
        #expect(partial.words.map(\.text) == ["edit", "manage-system"])
        #expect(partial.current == Word(text: "dist", line: 1, column: 20, isQuoted: false))
        #expect(partial.openQuote == nil)
        #expect(partial.pipes.isEmpty)
        #expect(!partial.isInComment)
    }

    @Test func emptyWordAfterABlank() {
        let partial = testLexer.lexPartial("édit x ")
        #expect(partial.words.map(\.text) == ["édit", "x"])
        #expect(partial.current == Word(text: "", line: 1, column: 8, isQuoted: false))
        #expect(testLexer.lexPartial("").current == Word(text: "", line: 1, column: 1, isQuoted: false))
    }

    @Test func insideOpenQuotes() {
        let double = testLexer.lexPartial(#"edit "Manage Sys"#)
        #expect(double.current == Word(text: "Manage Sys", line: 1, column: 6, isQuoted: true))
        #expect(double.openQuote == .double)
        let single = testLexer.lexPartial("search user-accounts 'al?c")
        #expect(single.current == Word(text: "al?c", line: 1, column: 22, isQuoted: true))
        #expect(single.openQuote == .single)
    }

    @Test func closedQuoteIsNotOpen() {
        let partial = testLexer.lexPartial(#"set x "a b""#)
        #expect(partial.current.text == "a b")
        #expect(partial.openQuote == nil)
    }

    @Test func onlyTheCommandUnderTheCursorCounts() {
        let partial = testLexer.lexPartial("top; show x\nedit a; set b c")
        #expect(partial.words.map(\.text) == ["set", "b"])
        #expect(partial.current == Word(text: "c", line: 2, column: 15, isQuoted: false))
    }

    @Test func pipeStages() {
        let partial = testLexer.lexPartial("show | match x | disp")
        #expect(partial.words.map(\.text) == ["show"])
        #expect(partial.pipes.map { $0.map(\.text) } == [["match", "x"], []])
        #expect(partial.current.text == "disp")
        #expect(testLexer.lexPartial("show |").pipes == [[]])
    }

    @Test func variables() {
        #expect(testLexer.lexPartial("set ${HOST}").current.text == "gw.example.com")
        #expect(testLexer.lexPartial(#"set "${NOPE}x"#).current.text == "${NOPE}x")
        #expect(testLexer.lexPartial("set ${NO").current.text == "${NO")
    }

    @Test func comment() {
        #expect(testLexer.lexPartial("show # what ").isInComment)
        #expect(!testLexer.lexPartial("show # what\nls ").isInComment)
    }

    @Test func continuation() {
        let partial = testLexer.lexPartial("set a \\\n  b")
        #expect(partial.words.map(\.text) == ["set", "a"])
        #expect(partial.current == Word(text: "b", line: 2, column: 3, isQuoted: false))
    }

    @Test func errorsAreSkipped() {
        let partial = testLexer.lexPartial("; | x\0 ${} 'a\nb ${A-} \"c")
        #expect(partial.words.map(\.text) == ["b", "${A-}"])
        #expect(partial.current.text == "c")
        #expect(partial.openQuote == .double)
    }
}
