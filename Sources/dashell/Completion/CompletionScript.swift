import ArgumentParser

/// `dashell --generate-completion-script bash|zsh|fish`: ArgumentParser's script, then the
/// front that completes the default form (`DefaultFormCompletion`).
///
/// The library answers the option itself, inside its parser, with its script alone; so `main`
/// asks this type first.
struct CompletionScript {
    let shell: CompletionShell

    init(for shell: CompletionShell) {
        self.shell = shell
    }

    var text: String {
        let front = DefaultFormCompletion(of: CommandDescription(of: Dashell.self), extensions: ScriptFile.extensions)
        return Dashell.completionScript(for: shell) + "\n\n" + front.front(for: shell)
    }

    /// The shell a `--generate-completion-script [SHELL]` among the arguments asks for; nil
    /// when the option is absent, or names no shell ArgumentParser knows: the parser then
    /// reports that.
    static func requestedShell(in arguments: [String]) -> CompletionShell? {
        let option = "--generate-completion-script"
        guard let index = arguments.firstIndex(where: { $0 == option || $0.hasPrefix(option + "=") }) else { return nil }
        if arguments[index] != option {
            return CompletionShell(rawValue: String(arguments[index].dropFirst(option.count + 1)))
        }
        if let name = arguments.dropFirst(index + 1).first, !name.hasPrefix("-") {
            return CompletionShell(rawValue: name)
        }
        return CompletionShell.autodetected()
    }
}
