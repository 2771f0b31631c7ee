/// `help` and `history`.
enum Reference {
    static let commands: [CommandSpec] = [
        CommandSpec(command: .help, usage: "help [COMMAND]", summary: "Describe the commands, or one command", arguments: .atMost(1), run: help),
        CommandSpec(command: .history, usage: "history", summary: "List the commands entered in this session", arguments: .none, run: history),
    ]

    static func help(_ invocation: Invocation) throws {
        if let word = invocation.arguments.first {
            let spec = try CommandTable.find(word)
            invocation.print("usage: \(spec.usage)")
            invocation.print("  \(spec.summary)")
            for line in spec.details { invocation.print("  \(line)") }
            return
        }
        let width = CommandTable.all.map(\.usage.count).max() ?? 0
        invocation.print("Commands:")
        for spec in CommandTable.all {
            invocation.print("  " + spec.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + spec.summary)
        }
        invocation.print("Output pipes (after |, chainable):")
        for pipe in PipeStage.summaries {
            invocation.print("  " + pipe.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + pipe.summary)
        }
        invocation.print("Paths are keywords separated by blanks; a first word starting with / is absolute; .. goes up.")
        invocation.print("Keywords and commands may be abbreviated to a unique prefix; type ? for what may come next.")
    }

    static func history(_ invocation: Invocation) throws {
        for (index, line) in invocation.session.commandHistory.enumerated() {
            invocation.print("\(index + 1)  \(line)")
        }
    }
}
