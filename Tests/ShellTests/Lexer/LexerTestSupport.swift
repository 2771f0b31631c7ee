import ShellCore

/// The variables every lexer test can see.
let testVariables: [String: String] = [
    "HOST": "gw.example.com",
    "EMPTY": "",
    "SPACED": "a b",
    "QUOTES": "\"'$;|#",
    "USER_2": "alice",
]

let testLexer = Lexer(variables: { testVariables[$0] })

/// The word texts of each command: its own words, then each pipe stage's.
func texts(_ source: String) throws -> [[String]] {
    try testLexer.lex(source).map { command in
        ([command.words] + command.pipes).flatMap { $0.map(\.text) }
    }
}

/// The words of the only command in `source`.
func words(_ source: String) throws -> [Word] {
    let commands = try testLexer.lex(source)
    guard commands.count == 1 else { throw UnexpectedCommandCount(count: commands.count) }
    return commands[0].words
}

/// The error lexing `source` fails with, or `nil` if it succeeds.
func lexError(_ source: String) -> LexError? {
    do {
        _ = try testLexer.lex(source)
        return nil
    } catch {
        return error
    }
}

struct UnexpectedCommandCount: Error {
    let count: Int
}
