import ArgumentParser
import Foundation
import ShellCore

/// `dashell check`: a dry run.
struct Check: RefusesInlineCommands {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Dry-run scripts: execute, validate, print the diff that would be published; publish nothing."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup(visibility: .private) var inline: InlineCommands

    @Argument(help: ArgumentHelp("Script files to check.", valueName: "file.dash"), completion: ScriptFile.completion)
    var files: [String]

    func run() throws {
        let store = try global.openStore()
        let console = StandardConsole()
        Interrupt.install()
        let options = try global.sessionOptions(for: store, source: "check")
        let code = ScriptBatch(store: store, options: options, isCheck: true, console: console).run(files.map(ScriptInput.file))
        console.flush()
        throw ArgumentParser.ExitCode(code)
    }
}
