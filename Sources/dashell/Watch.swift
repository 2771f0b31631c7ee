import ArgumentParser
import Foundation
import ShellCore

/// `dashell watch`: each revision as it is published, one JSON document per line (SPEC §12).
struct Watch: RefusesInlineCommands {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print each revision as it is published, one JSON document per line, until interrupted.",
        discussion: """
            Starts after revision --from (default: the latest) and prints every revision \
            published since, then each new one as it is published; nothing else goes to \
            standard output. Give --from the last revision a previous run printed to miss \
            none and repeat none. Exits 130 on SIGINT, 0 on SIGTERM.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup(visibility: .private) var inline: InlineCommands

    @Option(help: ArgumentHelp("Start after this revision instead of the latest.", valueName: "n"))
    var from: Int?

    func validate() throws {
        try refuseInlineCommands()
        if let from, from < 0 { throw ValidationError("--from needs a revision number, 0 or more") }
    }

    func run() throws {
        let store = try global.openStore()
        do {
            let code = try RevisionWatcher(store: store, schema: store.schema, from: from).run()
            throw ArgumentParser.ExitCode(code)
        } catch let exit as ArgumentParser.ExitCode {
            throw exit
        } catch {
            let failure = CommandError.from(error)
            FileHandle.standardError.write(Data("dashell: error: \(failure.message)\n".utf8))
            throw ArgumentParser.ExitCode(failure.code)
        }
    }
}
