import ArgumentParser
import Foundation
import Shell

/// `dashell`: the Digital Access configuration shell.
@main
struct Dashell: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dashell",
        abstract: "The configuration shell for Smart ID Digital Access.",
        usage: """
            dashell [OPTIONS]                        interactive shell (or stdin as a script)
            dashell [OPTIONS] FILE.dash ...          run script files, in order
            dashell [OPTIONS] -c 'CMD; CMD'          run commands given here
            dashell [OPTIONS] check FILE.dash ...    dry run: validate and print the diff
            dashell [OPTIONS] export [--format set|json|tree] [--revision N] [--include-secrets] [--with-defaults]
            dashell [OPTIONS] store init             create the store, with its directories
            """,
        discussion: """
            Without arguments on a terminal, opens the interactive shell. Script files, -c and \
            standard input (when it is not a terminal) run as scripts: each in a fresh candidate, \
            stopping at the first failing command. Exit codes: 0 success, 1 command failed, \
            2 usage, 3 validation failed, 4 conflict, 5 store unavailable, 130 interrupted.
            """,
        version: version,
        subcommands: [Run.self, Check.self, Export.self, StoreCommand.self],
        defaultSubcommand: Run.self
    )

    /// Parses with the global options movable around the subcommand, and ends through
    /// `exit(withError:)`.
    static func main() {
        let arguments = CommandLineOrder.subcommandFirst(Array(CommandLine.arguments.dropFirst()))
        if let shell = CompletionScripts.requestedShell(arguments) {
            print(CompletionScripts.script(for: shell))
            Foundation.exit(0)
        }
        if arguments == ["--generate-manual"] {
            // For scripts/generate-completions, which writes docs/dashell.1; not in the help,
            // like ArgumentParser's --experimental-dump-help: it serves the build, not users.
            print(ManualPage(date: Date()).text, terminator: "")
            Foundation.exit(0)
        }
        do {
            if let topic = try HelpTopic.requested(by: arguments) {
                print(topic.text)
                Foundation.exit(0)
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// Ends the process as ArgumentParser does (help and messages on stdout with 0, errors
    /// on stderr, an `ExitCode` thrown by a command as it is), except for a usage error:
    /// the library's code for it is EX_USAGE (64), SPEC §2 wants 2.
    static func exit(withError error: Error?) -> Never {
        guard let error else { Foundation.exit(ArgumentParser.ExitCode.success.rawValue) }
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if !message.isEmpty {
            if code.isSuccess {
                print(message)
            } else {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
        }
        Foundation.exit(code == .validationFailure ? Shell.ExitCode.usage.rawValue : code.rawValue)
    }
}
