/// ArgumentParser reads options before a subcommand's name as the root command's, which has
/// none; SPEC lets global options stand on either side. This moves the subcommand's name first
/// (and a group's subcommand right after it: `store init`).
enum CommandLineOrder {
    /// Every subcommand's name, ArgumentParser's `help` included.
    static let subcommands = Set(Dashell.configuration.subcommands.map { $0._commandName } + ["help"])
    /// The subcommands of the groups among `subcommands` (`store`: `init`).
    static let groupSubcommands: [String: Set<String>] = Dictionary(
        uniqueKeysWithValues: Dashell.configuration.subcommands.compactMap { command in
            let inner = command.configuration.subcommands
            return inner.isEmpty ? nil : (command._commandName, Set(inner.map { $0._commandName }))
        })
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
        guard let index = position(of: subcommands, in: arguments[...]) else { return arguments }
        var rest = arguments
        let name = rest.remove(at: index)
        guard let inner = groupSubcommands[name], let innerIndex = position(of: inner, in: rest[index...]) else { return [name] + rest }
        let innerName = rest.remove(at: innerIndex)
        return [name, innerName] + rest
    }

    /// Where one of `names` stands in `arguments` with nothing but options before it.
    private static func position(of names: Set<String>, in arguments: ArraySlice<String>) -> Int? {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { return nil }
            if names.contains(argument) { return index }
            if !argument.hasPrefix("-") { return nil }
            index += optionsWithValue.contains(argument) ? 2 : 1
        }
        return nil
    }
}
