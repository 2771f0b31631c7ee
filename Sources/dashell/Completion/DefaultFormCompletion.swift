import ArgumentParser

/// The completion of dashell's default form, which ArgumentParser's scripts leave out.
///
/// The library's scripts complete a command's options, its subcommands' names and a
/// subcommand's arguments, each as its `CompletionKind` says (`ScriptFile.completion` for
/// `check`'s files). They know nothing of a default subcommand (the generators skip hidden
/// commands and ignore `defaultSubcommand`), and a completion kind, even `.custom` or a
/// per-shell `.shellCommand`, belongs to an argument, which the root cannot have for the
/// script files: its parser would then take a subcommand's name for a script file. So after
/// each shell's script, unchanged, comes a front that completes where no subcommand is named:
/// the library's function for the options and their values (and the subcommands' names, until
/// a script file is given), and script files wherever one may stand. Everything it needs is
/// taken from the command definitions.
struct DefaultFormCompletion {
    /// The command's name, which the library's function names are made of.
    let command: String
    /// The names that make a line a subcommand's, as the library's script completes them.
    let subcommands: [String]
    /// The root's options that take a value, which is no script file.
    let optionsWithValue: [String]
    /// What a script file's name ends with.
    let extensions: [String]

    init(of root: CommandDescription, extensions: [String]) {
        command = root.commandName
        subcommands = (root.subcommands ?? []).filter(\.shouldDisplay).map(\.commandName)
        optionsWithValue = (root.arguments ?? []).filter { $0.kind == .option }.flatMap { ($0.names ?? []).map(\.typed) }
        self.extensions = extensions
    }

    func front(for shell: CompletionShell) -> String {
        switch shell {
        case .bash: bash
        case .zsh: zsh
        case .fish: fish
        default: ""
        }
    }
}
