/// ArgumentParser reads options before a subcommand's name as the root command's, which has
/// none; SPEC lets global options stand on either side. This moves the subcommand's name first.
enum CommandLineOrder {
    /// Every subcommand's name, ArgumentParser's `help` included.
    static let subcommands = Set(Dashell.configuration.subcommands.map { $0._commandName } + ["help"])
    /// Options that take a separate value, whose value must not be taken for a subcommand.
    static let optionsWithValue: Set<String> = ["--store", "--user", "-D", "-c", "--format", "--revision"]

    /// The words that are not options or option values, in order.
    static func words(_ arguments: [String]) -> [String] {
        var words: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if !argument.hasPrefix("-") { words.append(argument) }
            index += optionsWithValue.contains(argument) ? 2 : 1
        }
        return words
    }

    static func subcommandFirst(_ arguments: [String]) -> [String] {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return arguments }
            if subcommands.contains(argument) {
                var reordered = arguments
                reordered.remove(at: index)
                return [argument] + reordered
            }
            if !argument.hasPrefix("-") { return arguments }
            index += optionsWithValue.contains(argument) ? 2 : 1
        }
        return arguments
    }
}
