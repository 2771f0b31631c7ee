import ArgumentParser

/// `-h` and `--help`, and the one rearranging of the command line that SPEC §2 needs of
/// ArgumentParser.
///
/// The library takes a subcommand's name from the first argument left once the parent has
/// read its own options, from wherever they stand. A help flag is none of them (the library
/// looks for it apart, once it knows the command), so one standing before the name hides it:
/// `dashell --help check` would show the tool's help. SPEC §2 lets global options, `--help`
/// among them, stand on either side of a subcommand, so the help flags move after the other
/// options.
enum HelpFlags {
    /// As typed; the root's configuration makes its help names of them.
    static let typed = ["-h", "--help"]

    static var names: NameSpecification {
        NameSpecification(typed.map { NameSpecification.Element(stringLiteral: $0) })
    }

    /// The arguments with the help flags moved to the end of the options, before a `--`
    /// (after which every argument is a script file's name).
    static func movedLast(in arguments: [String]) -> [String] {
        let options = arguments.prefix { $0 != "--" }
        let flags = options.filter(typed.contains)
        guard !flags.isEmpty else { return arguments }
        return options.filter { !typed.contains($0) } + flags + arguments.dropFirst(options.count)
    }
}
