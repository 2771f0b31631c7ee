import ArgumentParser
import Foundation

/// The manual page, docs/dashell.1, in mdoc. Its synopsis and options come from the command
/// definition (here), the command language and the exit codes from the tables the shell runs
/// on and the files from the code that locates them (ManualPage+Reference), so that
/// `scripts/generate-completions` keeps it whole and GeneratedFilesTests notices when it is
/// not regenerated.
struct ManualPage {
    let date: Date

    private let tool = CommandDescription(of: Dashell.self)
    private let scripts = CommandDescription(of: Run.self)
    /// Typed names (`--store`) of the options the root reads wherever they stand, which a
    /// subcommand's synopsis leaves to `[options]`.
    private var rootOptions: Set<String> { Set(tool.displayedArguments.compactMap { $0.names?.first?.typed }) }

    var text: String {
        (header + synopsis + description + options + subcommands + commandLanguage + exitStatus + environment + files + examples + seeAlso)
            .joined(separator: "\n") + "\n"
    }

    private var header: [String] {
        [
            ".Dd \(Self.dateFormatter.string(from: date))",
            ".Dt DASHELL 1",
            ".Os",
            ".Sh NAME",
            ".Nm dashell",
            ".Nd the configuration shell for Smart ID Digital Access",
        ]
    }

    // MARK: Synopsis and options

    /// The forms of the default subcommand (the shell and scripts), then one per subcommand.
    private var synopsis: [String] {
        var lines = [".Sh SYNOPSIS"]
        for form in ["", "Ar file.dash ...", "Fl c Ar commands", "No < Ar script"] {
            lines += [".Nm", ".Op Ar options"] + (form.isEmpty ? [] : ["." + form])
        }
        for (path, command) in Self.subcommands(of: tool) {
            lines += [".Nm", ".Op Ar options", ".Cm " + path.joined(separator: " ")]
            lines += command.displayedArguments.filter { !isRootOption($0) }.map { "." + Self.synopsisEntry($0) }
        }
        return lines
    }

    /// The options of every form: the global ones, which may stand before or after a
    /// subcommand, those of the shell and scripts, and the tool's own (`--version`, `--help`).
    private var options: [String] {
        [".Sh OPTIONS", "Global options may stand before or after a subcommand.", ".Bl -tag -width Ds"]
            + (scripts.displayedArguments + (tool.arguments ?? []).filter { $0.shouldDisplay && $0.isBuiltIn }).flatMap(Self.listEntry) + [".El"]
    }

    private var subcommands: [String] {
        var lines = [".Sh SUBCOMMANDS", ".Bl -tag -width Ds"]
        for (path, command) in Self.subcommands(of: tool) {
            lines.append(".It Cm " + path.joined(separator: " "))
            lines += MDoc.text(command.abstract ?? "")
            let own = command.displayedArguments.filter { !isRootOption($0) }
            if !own.isEmpty {
                lines += [".Bl -tag -width Ds"] + own.flatMap(Self.listEntry) + [".El"]
            }
        }
        return lines + [".El"]
    }

    private func isRootOption(_ argument: CommandDescription.Argument) -> Bool {
        argument.names?.first.map { rootOptions.contains($0.typed) } ?? false
    }

    /// Every displayed subcommand, nested ones by their path (`store init`); a command with
    /// subcommands of its own is listed through them.
    private static func subcommands(of command: CommandDescription, under path: [String] = []) -> [([String], CommandDescription)] {
        (command.subcommands ?? []).filter(\.shouldDisplay).flatMap { subcommand in
            let subpath = path + [subcommand.commandName]
            return subcommand.subcommands?.isEmpty == false ? subcommands(of: subcommand, under: subpath) : [(subpath, subcommand)]
        }
    }

    /// `Op Fl -format Ar set | json | tree`, `Ar file.dash ...`.
    private static func synopsisEntry(_ argument: CommandDescription.Argument) -> String {
        let entry = usage(argument) + (argument.isRepeating ? " ..." : "")
        return argument.isOptional ? "Op " + entry : entry
    }

    private static func usage(_ argument: CommandDescription.Argument) -> String {
        let name = argument.names?.first.map { MDoc.flag($0.typed) } ?? ""
        switch argument.kind {
        case .positional: return "Ar " + value(argument)
        case .option: return name + " Ar " + value(argument)
        case .flag: return name
        }
    }

    /// What a value may be: the choices when there are few, else the value's name.
    private static func value(_ argument: CommandDescription.Argument) -> String {
        argument.allValues.map { $0.joined(separator: " | ") } ?? argument.valueName ?? ""
    }

    private static func listEntry(_ argument: CommandDescription.Argument) -> [String] {
        let names = argument.kind == .positional ? [] : (argument.names ?? []).map { MDoc.flag($0.typed) }
        var tag = names.isEmpty ? usage(argument) : names.joined(separator: " , ")
        if argument.kind == .option { tag += " Ar " + value(argument) }
        if argument.isRepeating { tag += " ..." }
        var text = argument.abstract ?? ""
        if let fallback = argument.defaultValue { text += " The default is \(fallback)." }
        return [".It " + tag] + MDoc.text(text)
    }

    private static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MMMM d, yyyy"
        return formatter
    }()
}
