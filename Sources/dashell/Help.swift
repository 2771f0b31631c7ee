import ArgumentParser

/// `dashell help [SUBCOMMAND …]`: a subcommand's help, as its `--help` prints it; alone, the
/// tool's.
///
/// ArgumentParser has a `help` subcommand of its own, which answers a name that is no
/// subcommand with the tool's help and exit 0; a mistyped name is a usage error here (exit 2).
/// This one is listed first, so the parser, which takes the first subcommand of a name, takes
/// it; it is hidden, so that help and completions list the library's once.
struct Help: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help",
        abstract: "Show subcommand help information.",
        shouldDisplay: false,
        helpNames: []
    )

    @Argument var subcommands: [String] = []

    /// `dashell help -h` asks for help as well, as with the library's `help`.
    @Flag(name: [.short, .long], help: .private) var help = false

    func run() throws {
        var command: any ParsableCommand.Type = Dashell.self
        for name in subcommands {
            let candidates = command.configuration.subcommands
            guard let subcommand = candidates.first(where: { $0.configuration.commandName == name }) else {
                let offered = candidates.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
                throw ValidationError("no subcommand '\(name)'; the subcommands are \(offered.joined(separator: ", "))")
            }
            command = subcommand
        }
        throw CleanExit.helpRequest(command)
    }
}
