import Testing

@testable import ShellCore

/// The command table and the `Command` cases name the same commands, each once.
struct CommandTableTests {
    @Test func everyCommandHasExactlyOneEntry() {
        let listed = CommandTable.all.map(\.command)
        #expect(listed.count == Command.allCases.count)
        #expect(Set(listed) == Set(Command.allCases))
    }

    @Test func aCommandIsFoundByItsNameAndByAUniquePrefix() throws {
        for command in Command.allCases {
            #expect(try CommandTable.find(Word(text: command.name, line: 1, column: 1, isQuoted: false)).command == command)
        }
        #expect(try CommandTable.find(Word(text: "val", line: 1, column: 1, isQuoted: false)).command == .validate)
        #expect(try CommandTable.find(Word(text: "up", line: 1, column: 1, isQuoted: false)).command == .up)
    }
}
