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

    static let names: [String] = all.map(\.name)

    private static let byName: [String: CommandSpec] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    static func named(_ name: String) -> CommandSpec? {
        byName[name]
    }

    /// The command a word names, by exact name or unique prefix. A word spelled exactly as
    /// a name (the usual case, and a script's every line) is found without lowercasing.
    static func find(_ word: Word) throws(CommandError) -> CommandSpec {
        if let spec = byName[word.text] { return spec }
        return named(try NameMatcher.match(word, among: names, what: "command"))!
    }
}
