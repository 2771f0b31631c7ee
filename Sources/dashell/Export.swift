import ArgumentParser
import ConfigModel
import Foundation
import ShellCore

/// `dashell export`: the published configuration (or a past revision) on stdout.
struct Export: RefusesInlineCommands {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the published configuration, or a past revision."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case set, json, tree
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup(visibility: .private) var inline: InlineCommands

    @Option(help: "Output format.")
    var format: Format = .set

    @Option(help: ArgumentHelp("Export this revision instead of the latest.", valueName: "n"))
    var revision: Int?

    @Flag(help: "Print secrets in clear (for backups that restore exactly).")
    var includeSecrets = false

    @Flag(help: "Include the defaults of unset leaves.")
    var withDefaults = false

    func run() throws {
        let store = try global.openStore()
        let console = StandardConsole()
        defer { console.flush() }
        do {
            let config = try revision.map { try store.configuration(atRevision: $0) } ?? store.published()
            switch format {
            case .set: try SetRenderer(includeSecrets: includeSecrets).render(config, under: .root, to: console.out)
            case .json: try JSONRenderer(includeSecrets: includeSecrets, withDefaults: withDefaults).render(config, under: .root, to: console.out)
            case .tree: try TreeRenderer(includeSecrets: includeSecrets, withDefaults: withDefaults).render(config, under: .root, to: console.out)
            }
        } catch {
            let failure = CommandError.from(error)
            console.err("dashell: error: \(failure.message)")
            console.flush()
            throw ArgumentParser.ExitCode(failure.code)
        }
    }
}
