import ArgumentParser
import ConfigStoreSQLite
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

    /// `dashell store init`: creates the store where using it would not, as at a location
    /// whose directories do not exist yet; harmless on an existing store.
    struct Init: RefusesInlineCommands {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the store: its missing directories (0700), its file (0600) and its schema."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup(visibility: .private) var inline: InlineCommands

        func run() throws {
            let storage = try global.openStorage(creating: .fileAndDirectories)
            if !storage.isNew {
                FileHandle.standardError.write(Data("dashell: a store already exists at \(storage.path); left as it is\n".utf8))
            }
        }
    }
}
