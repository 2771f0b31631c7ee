import ShellCore
import Testing

@Suite struct WordSplittingTests {
    @Test func blanksSeparateWords() throws {
        #expect(try texts("set  a\tb   c") == [["set", "a", "b", "c"]])
        #expect(try texts("  \t show \t ") == [["show"]])
    }

    @Test func emptyAndBlankSourcesHaveNoCommands() throws {
        #expect(try texts("") == [])
        #expect(try texts(" \t ") == [])
        #expect(try texts("\n\n") == [])
    }

    @Test func adjacentQuotedAndUnquotedPiecesJoin() throws {
        #expect(try texts(#""a b"'c'd"#) == [["a bcd"]])
        #expect(try texts(#"x"y"z'w'"#) == [["xyzw"]])
    }

    @Test func singleQuotesAreLiteral() throws {
        #expect(try texts(#"'a\"b\\c ${HOST} $x \n'"#) == [[#"a\"b\\c ${HOST} $x \n"#]])
    }

    @Test func doubleQuoteEscapes() throws {
        #expect(try texts(#""q\"b\\s\$d\nn""#) == [["q\"b\\s$d\nn"]])
    }

    @Test func otherBackslashesStayInDoubleQuotes() throws {
        #expect(try texts(#""C:\temp\x" "\d+\." "\'""#) == [[#"C:\temp\x"#, #"\d+\."#, #"\'"#]])
    }

    @Test func backslashEscapesOutsideQuotes() throws {
        #expect(try texts(##"a\ b \"c \\ \' \# \; \| \$"##) == [["a b", "\"c", "\\", "'", "#", ";", "|", "$"]])
        #expect(try texts(#"\n"#) == [["n"]])
    }

    @Test func quotedEmptyStringIsAWord() throws {
        let result = try words(#"set x "" ''"#)
        #expect(result.map(\.text) == ["set", "x", "", ""])
        #expect(result.map(\.isQuoted) == [false, false, true, true])
    }

    @Test func isQuotedRecordsAnyQuotedPart() throws {
        let result = try words(#"up "up" u'p' u\p u"" plain"#)
        #expect(result.map(\.text) == ["up", "up", "up", "up", "u", "plain"])
        #expect(result.map(\.isQuoted) == [false, true, true, true, true, false])
    }

    @Test func commentsRunToEndOfLine() throws {
        #expect(try texts("# just a comment") == [])
        #expect(try texts("#!/usr/bin/env dashell\nshow") == [["show"]])
        #expect(try texts("show x # a comment ; not | a command") == [["show", "x"]])
        #expect(try texts("show;# comment\nls") == [["show"], ["ls"]])
    }

    @Test func hashInsideAWordOrQuotesIsNotAComment() throws {
        #expect(try texts(##"set a#b "#" '#c' \#d"##) == [["set", "a#b", "#", "#c", "#d"]])
    }

    @Test func semicolonSeparatesCommands() throws {
        #expect(try texts("top; show a;ls") == [["top"], ["show", "a"], ["ls"]])
        #expect(try texts("show;") == [["show"]])
    }

    @Test func semicolonInsideQuotesIsText() throws {
        #expect(try texts(#"set a "x;y" 'p;q'"#) == [["set", "a", "x;y", "p;q"]])
    }

    @Test func newlinesSeparateCommands() throws {
        #expect(try texts("top\nshow a\r\n\nls\n") == [["top"], ["show", "a"], ["ls"]])
    }

    @Test func pipesSplitStages() throws {
        let commands = try testLexer.lex("show users | match al.* | count|no-more")
        #expect(commands.count == 1)
        #expect(commands[0].words.map(\.text) == ["show", "users"])
        #expect(commands[0].pipes.map { $0.map(\.text) } == [["match", "al.*"], ["count"], ["no-more"]])
    }

    @Test func pipeInsideQuotesIsText() throws {
        let commands = try testLexer.lex(#"search user-accounts "a|b" 'c|d'"#)
        #expect(commands[0].words.map(\.text) == ["search", "user-accounts", "a|b", "c|d"])
        #expect(commands[0].pipes.isEmpty)
    }

    @Test func pipesEndAtSemicolon() throws {
        let commands = try testLexer.lex("show | count; ls")
        #expect(commands.map(\.pipes.count) == [1, 0])
    }

    @Test func questionMarkIsOrdinary() throws {
        #expect(try texts(#"search user-accounts al?ce "b?b" 'c?'"#) == [["search", "user-accounts", "al?ce", "b?b", "c?"]])
        #expect(try texts("?") == [["?"]])
    }

    @Test func dollarWithoutBraceIsLiteral() throws {
        #expect(try texts(#"set p $HOME "$x" a$ $"#) == [["set", "p", "$HOME", "$x", "a$", "$"]])
    }

    @Test func tabIsAllowedEscapedAndQuoted() throws {
        #expect(try texts("a\\\tb \"c\td\"") == [["a\tb", "c\td"]])
    }
}
