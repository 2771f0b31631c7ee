/// ArgumentParser reads options before a subcommand's name as the root command's, which has
/// none; SPEC lets global options stand on either side. This moves the subcommand's name first.
enum CommandLineOrder {
    static let subcommands: Set<String> = ["check", "export", "run"]
    /// Options that take a separate value, whose value must not be taken for a subcommand.
    static let optionsWithValue: Set<String> = ["--store", "--user", "-D", "-c", "--format", "--revision"]

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
