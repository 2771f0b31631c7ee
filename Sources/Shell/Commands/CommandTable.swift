/// A command of the language: its name, usage, one-line summary and implementation.
struct CommandSpec: Sendable {
    let name: String
    let usage: String
    let summary: String
    /// Only meaningful at a keyboard (refused in scripts).
    var interactiveOnly = false
    let run: @Sendable (Invocation) throws -> Void
}

/// Every command, in the order `help` lists them.
enum CommandTable {
    static let all: [CommandSpec] = Navigation.commands + Editing.commands + Viewing.commands
        + Transactions.commands + Files.commands + Reference.commands + Guided.commands

    static var names: [String] { all.map(\.name) }

    static func named(_ name: String) -> CommandSpec? {
        all.first { $0.name == name }
    }

    /// The command a word names, by exact name or unique prefix.
    static func find(_ word: Word) throws(CommandError) -> CommandSpec {
        named(try NameMatcher.match(word, among: names, what: "command"))!
    }
}
