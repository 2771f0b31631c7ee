import ArgumentParser
import ConfigStore
import ConfigStorePostgreSQL
import ConfigStoreSQLite
import DigitalAccess
import Foundation

/// `dashell store …`: the store itself rather than its configuration.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Manage the store itself.",
        subcommands: [Init.self]
    )

    /// A group needs its subcommand; without one it is a usage error, not a help page.
    func run() throws {
        throw ValidationError("store needs a subcommand: init")
    }

    /// `dashell store init`: creates the store where using it would not: an SQLite file at a
    /// location whose directories do not exist yet, or the schema in a PostgreSQL database,
    /// which nothing else creates (SPEC §10). Harmless on an existing store; one of an older
    /// format on PostgreSQL is upgraded, which needs the same rights as creating it.
    struct Init: RefusesInlineCommands {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the store: an SQLite file (0600) in its missing directories (0700), or the schema in a PostgreSQL database."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup(visibility: .private) var inline: InlineCommands

        func run() throws {
            if let server = try global.serverLocation() {
                let initialization = try global.reportingStoreErrors {
                    try PostgreSQLStorage.initialize(server, policy: ServerPolicy(functions: DelegatedManagementSQL.functions))
                }
                report(initialization, of: "in \(server)")
                return
            }
            let storage = try global.openFileStorage(creating: .fileAndDirectories)
            // A new file was announced on opening.
            if !storage.isNew { report(storage.initialization, of: "at \(storage.path)") }
            let event = storage.initialization.auditEvent(user: global.user ?? GlobalOptions.loginName())
            try global.reportingStoreErrors {
                try storage.write { transaction in
                    try transaction.appendAudit(event)
                    return ((), commit: true)
                }
            }
        }

        private func report(_ initialization: StoreInitialization, of store: String) {
            let message =
                switch initialization {
                case .created: "created a new store \(store)"
                case .upgraded(let from, let to): "upgraded the store \(store) from format \(from) to \(to)"
                case .unchanged: "a store already exists \(store); left as it is"
                }
            FileHandle.standardError.write(Data("dashell: \(message)\n".utf8))
        }
    }
}
