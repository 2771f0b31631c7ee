/// The words the completion fronts (`CompletionScripts`) put in the order ArgumentParser's
/// scripts expect: the subcommands' names, and the options whose value is no script file.
enum CommandLineOrder {
    /// Every subcommand's name, ArgumentParser's `help` included.
    static let subcommands = Set(Dashell.configuration.subcommands.map { $0._commandName } + ["help"])
    /// Options that take a separate value, whose value must not be taken for a subcommand.
    static let optionsWithValue: Set<String> = ["--store", "--user", "-D", "-c", "--format", "--revision"]
}
