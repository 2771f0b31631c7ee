import ArgumentParser
import ConfigStore
import Foundation
import ShellCore

/// `dashell audit …`: the audit trail (SPEC §12).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit trail.",
        subcommands: [Verify.self]
    )

    /// A group needs its subcommand; without one it is a usage error, not a help page.
    func run() throws {
        throw ValidationError("audit needs a subcommand: verify")
    }

    /// `dashell audit verify`: computes the audit trail's hash chain again (see `AuditVerifier`).
    struct Verify: RefusesInlineCommands {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the audit trail's hash chain: exit 0 when every record matches, 5 naming the first that does not.",
            discussion: """
                Needs the privilege view-logs (exit 6 without it, which is recorded). Prints how \
                many records were verified and the last record's hash: kept somewhere else, it \
                shows later that no record up to it was changed or removed.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup(visibility: .private) var inline: InlineCommands

        func run() throws {
            let store = try global.openStore()
            let options = try global.sessionOptions(for: store, source: AuditAction.auditVerify.rawValue)
            let console = StandardConsole()
            defer { console.flush() }
            let code = AuditVerifier(store: store, user: options.user, json: options.json, console: console).run()
            console.flush()
            throw ArgumentParser.ExitCode(code)
        }
    }
}
