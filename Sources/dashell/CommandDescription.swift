import ArgumentParser
import Foundation

/// A command as ArgumentParser describes it for documentation tools: its names, options and
/// arguments, subcommands included. This is the part of the description (the JSON that
/// `--experimental-dump-help` prints, format version 0) that the manual page and the default
/// form's completion are made from, so that a new subcommand or option reaches them without
/// being listed twice.
struct CommandDescription: Decodable {
    struct Argument: Decodable {
        enum Kind: String, Decodable {
            case positional, option, flag
        }

        struct Name: Decodable {
            let kind: String
            let name: String

            /// As typed: `--store`, `-D`.
            var typed: String { kind == "long" ? "--" + name : "-" + name }
        }

        let kind: Kind
        let shouldDisplay: Bool
        let isOptional: Bool
        let isRepeating: Bool
        let names: [Name]?
        let valueName: String?
        let allValues: [String]?
        let defaultValue: String?
        let abstract: String?

        /// ArgumentParser's own `--help` and `--version`, which every command has.
        var isBuiltIn: Bool { names?.contains { $0.name == "help" || $0.name == "version" } == true }
    }

    let commandName: String
    let abstract: String?
    let shouldDisplay: Bool
    let subcommands: [CommandDescription]?
    let arguments: [Argument]?

    private struct ToolInfo: Decodable {
        let command: CommandDescription
    }

    /// `_dumpHelp()` is underscored but public: the only way, in process, to the structured
    /// description that `--experimental-dump-help` prints. The public API offers a command's
    /// configuration but not its arguments, short of parsing its help text.
    init(of command: any ParsableCommand.Type) {
        do {
            self = try JSONDecoder().decode(ToolInfo.self, from: Data(command._dumpHelp().utf8)).command
        } catch {
            preconditionFailure("ArgumentParser's command description changed: \(error)")
        }
    }

    /// The arguments a user sees, `--help` and `--version` aside.
    var displayedArguments: [Argument] {
        (arguments ?? []).filter { $0.shouldDisplay && !$0.isBuiltIn }
    }
}
