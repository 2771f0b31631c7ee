import ArgumentParser
import Foundation

/// `dashell`: the Digital Access configuration shell.
///
/// The root reads the global options and `-c` wherever they stand: ArgumentParser lets each
/// command of the chain take the options it knows from anywhere on the line, and hands an
/// option group a parent has read to the subcommand that declares the same group. So
/// `dashell --store S check f.dash` and `dashell check f.dash --store S` parse alike (SPEC §2)
/// with no rearranging of the arguments but that of the help flags (`HelpFlags`).
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
            dashell [OPTIONS] watch [--from N]       print each revision as it is published, as JSON
            dashell [OPTIONS] store init             create the store, with its directories (or upgrade it)
            dashell [OPTIONS] audit verify           check the audit trail's hash chain
            """,
        discussion: """
            Without arguments on a terminal, opens the interactive shell. Script files, -c and \
            standard input (when it is not a terminal) run as scripts: each in a fresh candidate, \
            stopping at the first failing command. Exit codes: 0 success, 1 command failed, \
            2 usage, 3 validation failed, 4 conflict, 5 store unavailable, 6 permission denied, \
            130 interrupted.
            """,
        version: version,
        subcommands: [Run.self, Check.self, Export.self, Watch.self, StoreCommand.self, AuditCommand.self, RevertTimer.self, Help.self],
        defaultSubcommand: Run.self,
        helpNames: HelpFlags.names
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup(title: "Script options") var inline: InlineCommands

    /// For scripts/generate-completions, which writes docs/dashell.1; private, like
    /// ArgumentParser's --experimental-dump-help: it serves the build, not users.
    @Flag(help: .private) var generateManual = false

    func validate() throws {
        if generateManual {
            throw CleanExit.message(String(ManualPage(date: Date()).text.dropLast()))
        }
    }
}
