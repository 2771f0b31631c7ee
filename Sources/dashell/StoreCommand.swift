import ArgumentParser
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
                let said =
                    switch try global.reportingStoreErrors({
                        try PostgreSQLStorage.initialize(server, policy: ServerPolicy(functions: DelegatedManagementSQL.functions))
                    }) {
                    case .created: "created a new store in \(server)"
                    case .upgraded(let version): "upgraded the store in \(server) from format \(version)"
                    case .existing: "a store already exists in \(server); left as it is"
                    }
                FileHandle.standardError.write(Data("dashell: \(said)\n".utf8))
                return
            }
            let storage = try global.openFileStorage(creating: .fileAndDirectories)
            if !storage.isNew {
                FileHandle.standardError.write(Data("dashell: a store already exists at \(storage.path); left as it is\n".utf8))
            }
        }
    }
}
