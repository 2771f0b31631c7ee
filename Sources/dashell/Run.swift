import ArgumentParser
import ConfigStore
import Foundation
import ShellCore
import ShellInteractive

/// Scripts, `-c`, standard input, or the interactive shell: what dashell does when no
/// subcommand is named.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run script files, -c commands or standard input; on a terminal, the interactive shell.",
        shouldDisplay: false,
        helpNames: []
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var inline: InlineCommands

    @Argument(
        help: ArgumentHelp("Script files to run, in order.", valueName: "file.dash"),
        completion: ScriptFile.completion)
    var files: [String] = []

    /// `--help` after a script file or `-c` shows the tool's help, as it does alone: `run` is
    /// never typed, so its own help would describe a command the user does not know.
    @Flag(name: [.short, .long], help: .private) var help = false

    func validate() throws {
        if help { throw CleanExit.helpRequest(Dashell.self) }
        if inline.commands != nil, !files.isEmpty { throw ValidationError("give either -c or script files, not both") }
    }

    func run() throws {
        let store = try global.openStore()
        let console = StandardConsole()
        defer { console.flush() }
        let inputs: [ScriptInput]
        if let commands = inline.commands {
            inputs = [.commandLine(commands)]
        } else if !files.isEmpty {
            inputs = files.map(ScriptInput.file)
        } else if isatty(0) == 0 {
            inputs = [.standardInput]
        } else {
            let options = try global.sessionOptions(for: store, source: "interactive")
            throw ArgumentParser.ExitCode(interactiveShell(store: store, options: options, console: console))
        }
        let options = try global.sessionOptions(for: store, source: inputs[0].publishSource)
        Interrupt.install()
        let code = ScriptBatch(store: store, options: options, isCheck: false, console: console).run(inputs)
        console.flush()
        throw ArgumentParser.ExitCode(code)
    }

    private func interactiveShell(store: RevisionedStore, options: Session.Options, console: StandardConsole) -> ShellCore.ExitCode {
        do {
            let code = try InteractiveShell(store: store, options: options, console: console).run()
            console.flush()
            return code
        } catch {
            let failure = CommandError.from(error)
            console.err("dashell: error: \(failure.message)")
            console.flush()
            return failure.code
        }
    }
}
