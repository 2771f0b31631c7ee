import ArgumentParser

/// `-c`: commands given on the command line, run as a script.
///
/// The root reads it, as it reads the global options, so that the tool's help lists it and it
/// may stand anywhere; `Run` (the default form) runs the commands, and the subcommands that
/// run none refuse them (`RefusesInlineCommands`).
struct InlineCommands: ParsableArguments {
    @Option(name: .customShort("c"), help: ArgumentHelp("Run these commands (separated by ; or newlines) as a script.", valueName: "commands"))
    var commands: String?
}
