import ConfigModel

/// A command of the language: its name, usage, one-line summary, the words it takes and
/// its implementation.
struct CommandSpec: Sendable {
    /// How many words a command takes after its name. Checked before it runs, so that a
    /// stray word is refused rather than ignored (`top show …` would otherwise go to the
    /// top and show nothing).
    enum Arguments: Sendable {
        case none
        case atMost(Int)
        /// A path, a value or free text: the command reads its words and refuses any it
        /// does not use.
        case read
    }

    let command: Command
    let usage: String
    let summary: String
    let arguments: Arguments
    /// Only meaningful at a keyboard (refused in scripts).
    var interactiveOnly = false
    /// What `help COMMAND` says beyond the summary, a line each.
    var details: [String] = []
    let run: @Sendable (Invocation) throws -> Void

    var name: String { command.name }
}

/// Every command, in the order `help` lists them.
enum CommandTable {
    static let all: [CommandSpec] =
        Navigation.commands + Editing.commands + Viewing.commands + Administration.commands
        + Transactions.commands + ConfirmedPublish.commands + Requests.commands + Files.commands + Reference.commands + Guided.commands

    static let names: [String] = all.map(\.name)

    private static let byName: [String: CommandSpec] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    static func named(_ name: String) -> CommandSpec? {
        byName[name]
    }

    /// The command a word names, by exact name or unique prefix. A word spelled exactly as
    /// a name (the usual case, and a script's every line) is found without lowercasing.
    static func find(_ word: Word) throws(CommandError) -> CommandSpec {
        if let spec = byName[word.text] { return spec }
        return named(try NameMatcher.match(word, among: names, what: "command", habits: Habits.commands))!
    }
}

extension CommandSpec {
    /// Refuses the first word past what the command takes.
    func checkCount(of arguments: [Word]) throws(CommandError) {
        switch self.arguments {
        case .read:
            return
        case .none:
            if let extra = arguments.first {
                let advice = Habits.arguments["\(name) \(extra.text.lowercased())"].map { "; \($0)" } ?? ""
                throw CommandError("\(name) takes no argument: unexpected '\(extra.text.excerpt)'\(advice)", at: extra)
            }
        case .atMost(let count):
            if let extra = arguments.dropFirst(count).first {
                let most = count == 1 ? "one argument" : "at most \(count) arguments"
                throw CommandError("\(name) takes \(most): unexpected '\(extra.text.excerpt)'", at: extra)
            }
        }
    }
}
