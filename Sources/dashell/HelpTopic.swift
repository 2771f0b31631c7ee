import ArgumentParser

/// What `dashell help [SUBCOMMAND …]` or a `--help` without a subcommand asks to describe.
///
/// ArgumentParser answers `SUBCOMMAND --help` itself, and has a `help` subcommand too, but
/// that one takes no options, so `dashell --store S help check` (global options may stand
/// anywhere) failed; and a `--help` with no subcommand named would reach the default
/// subcommand, which answers with its own help instead of the whole tool's.
enum HelpTopic {
    case tool
    case subcommand(any ParsableCommand.Type)

    /// The help the arguments (subcommand first, see `CommandLineOrder`) ask for; nil when
    /// they ask for none, or for a named subcommand's through `--help`. Throws a usage
    /// error when `help` names no subcommand of dashell.
    static func requested(by arguments: [String]) throws -> HelpTopic? {
        if arguments.first == "help" { return try named(by: CommandLineOrder.words(Array(arguments.dropFirst()))) }
        let asksForHelp = arguments.contains { $0 == "--help" || $0 == "-h" }
        return asksForHelp && !CommandLineOrder.subcommands.contains(arguments.first ?? "") ? .tool : nil
    }

    /// `store init` names the subcommand `init` of `store`; no name at all, the tool.
    private static func named(by names: [String]) throws -> HelpTopic {
        var command: any ParsableCommand.Type = Dashell.self
        for name in names {
            let subcommands = command.configuration.subcommands
            guard let subcommand = subcommands.first(where: { $0._commandName == name }) else {
                let offered = subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
                throw ValidationError("no subcommand '\(name)'; the subcommands are \(offered.joined(separator: ", "))")
            }
            command = subcommand
        }
        return names.isEmpty ? .tool : .subcommand(command)
    }

    var text: String {
        switch self {
        case .subcommand(let command):
            return Dashell.helpMessage(for: command)
        case .tool:
            // The options of the default form (scripts, -c, the shell) follow the tool's own.
            let runOptions = Run.helpMessage(for: Run.self).components(separatedBy: "\n").drop { !$0.hasPrefix("OPTIONS") }.dropFirst()
            return Dashell.helpMessage(for: Dashell.self) + "\n" + (["SCRIPT AND SHELL OPTIONS:"] + runOptions).joined(separator: "\n")
        }
    }
}
