import ArgumentParser
import ConfigStore
import Foundation
import Shell

/// Scripts, `-c`, standard input, or the interactive shell.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run script files, -c commands or standard input; on a terminal, the interactive shell.",
        shouldDisplay: false
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var script: ScriptArguments

    func run() throws {
        let (commands, files) = (script.commands, script.files)
        let store = try global.openStore()
        let console = StandardConsole()
        defer { console.flush() }
        let options = global.sessionOptions()
        let inputs: [ScriptInput]
        if let commands {
            inputs = [.commandLine(commands)]
        } else if !files.isEmpty {
            inputs = files.map(ScriptInput.file)
        } else if isatty(0) == 0 {
            inputs = [.standardInput]
        } else {
            throw ArgumentParser.ExitCode(interactiveShell(store: store, options: options, console: console))
        }
        Interrupt.install()
        let code = ScriptBatch(store: store, options: options, isCheck: false, console: console).run(inputs)
        console.flush()
        throw ArgumentParser.ExitCode(code)
    }

    private func interactiveShell(store: RevisionedStore, options: Session.Options, console: StandardConsole) -> Shell.ExitCode {
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

/// What to run: `-c` commands or script files (neither: standard input or the interactive shell).
struct ScriptArguments: ParsableArguments {
    @Option(name: .customShort("c"), help: ArgumentHelp("Run these commands (separated by ; or newlines) as a script.", valueName: "commands"))
    var commands: String?

    @Argument(help: ArgumentHelp("Script files to run, in order.", valueName: "file.dash"),
              completion: .file(extensions: ["dash"]))
    var files: [String] = []

    func validate() throws {
        if commands != nil, !files.isEmpty { throw ValidationError("give either -c or script files, not both") }
    }
}

/// `dashell check`: a dry run.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dry-run scripts: execute, validate, print the diff that would be published; publish nothing."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Script files to check.", valueName: "file.dash"), completion: .file(extensions: ["dash"]))
    var files: [String]

    func run() throws {
        let store = try global.openStore()
        let console = StandardConsole()
        Interrupt.install()
        let code = ScriptBatch(store: store, options: global.sessionOptions(), isCheck: true, console: console).run(files.map(ScriptInput.file))
        console.flush()
        throw ArgumentParser.ExitCode(code)
    }
}
