import ShellCore
import Testing

@Suite struct VariableTests {
    @Test func expandsUnquotedAndInDoubleQuotes() throws {
        #expect(
            try texts(#"set host ${HOST} "https://${HOST}/x" p${USER_2}q"#)
                == [["set", "host", "gw.example.com", "https://gw.example.com/x", "palice" + "q"]])
    }

    @Test func singleQuotesDoNotExpand() throws {
        #expect(try texts("'${HOST}'") == [["${HOST}"]])
    }

    @Test func escapedDollarDoesNotExpand() throws {
        #expect(try texts(#""\${HOST}" \${HOST}"#) == [["${HOST}", "${HOST}"]])
    }

    @Test func valuesAreNeitherSplitNorReread() throws {
        #expect(try texts("${SPACED}") == [["a b"]])
        #expect(try texts("${QUOTES}") == [["\"'$;|#"]])
        #expect(try texts(#""${QUOTES}""#) == [["\"'$;|#"]])
    }

    @Test func emptyValueStillMakesAWord() throws {
        let result = try words("set x ${EMPTY}")
        #expect(result.map(\.text) == ["set", "x", ""])
        #expect(result[2].isQuoted == false)
    }

    @Test func lookupIsCalledWithTheName() throws {
        let lexer = Lexer(variables: { "<\($0)>" })
        let commands = try lexer.lex("${A_1}${b}")
        #expect(commands[0].words.map(\.text) == ["<A_1><b>"])
    }

    @Test func variableStartsAWordAtTheDollar() throws {
        let result = try words("x ${HOST}")
        #expect(result[1].column == 3)
    }
}
