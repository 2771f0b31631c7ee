import ArgumentParser

/// A subcommand that runs no commands of its own (`check`, `export`, `store init`).
///
/// The root reads `-c` wherever it stands (see `InlineCommands`), so the parser does not tell
/// such a subcommand of it; the subcommand refuses it here, as the parser refuses any option
/// a command does not take.
protocol RefusesInlineCommands: ParsableCommand {
    /// The root's `-c`, declared `@OptionGroup(visibility: .private)` so that the
    /// subcommand's help does not offer it.
    var inline: InlineCommands { get }
}

extension RefusesInlineCommands {
    func validate() throws {
        try refuseInlineCommands()
    }

    /// What `validate` checks, for a subcommand that checks more.
    func refuseInlineCommands() throws {
        if inline.commands != nil {
            throw ValidationError("Unknown option '-c'")
        }
    }
}
