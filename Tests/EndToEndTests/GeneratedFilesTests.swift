import Foundation
import XCTest

/// The committed completion scripts and manual page must match the built binary's definition,
/// and the manual must document what the specification asks of it (SPEC §2, §5, §7).
/// `scripts/generate-completions` regenerates them.
final class GeneratedFilesTests: XCTestCase {
    static let regenerate = "out of date: run scripts/generate-completions"

    func testCompletionScriptsAreUpToDate() throws {
        for (shell, file) in [("bash", "completions/dashell.bash"), ("zsh", "completions/_dashell"), ("fish", "completions/dashell.fish")] {
            let generated = try Self.output(of: ["--generate-completion-script", shell])
            let committed = try String(contentsOfFile: Dashell.repository + "/" + file, encoding: .utf8)
            XCTAssertTrue(generated == committed, "\(file) is \(Self.regenerate)")
        }
    }

    func testCompletionScriptsCompleteScriptFilesAndFormats() throws {
        let bash = try String(contentsOfFile: Dashell.repository + "/completions/dashell.bash", encoding: .utf8)
        XCTAssertTrue(bash.hasSuffix("complete -o filenames -F __dashell_default_form_complete dashell\n"), "bash calls the default form's front")
        XCTAssertTrue(bash.contains("-fX '!*.@(dash)'"))
        XCTAssertTrue(bash.contains("-W 'set'$'\\n''json'$'\\n''tree'"))
        let zsh = try String(contentsOfFile: Dashell.repository + "/completions/_dashell", encoding: .utf8)
        XCTAssertTrue(zsh.contains("_files -g '\\''*.dash'\\''"))
        XCTAssertTrue(zsh.contains("___format=('set' 'json' 'tree')"))
        let fish = try String(contentsOfFile: Dashell.repository + "/completions/dashell.fish", encoding: .utf8)
        XCTAssertTrue(fish.contains("*.\\'dash\\'"))
        XCTAssertTrue(fish.contains("-rfka 'set json tree'"))
    }

    func testManualIsUpToDate() throws {
        // The date line moves only when the text does (scripts/generate-completions keeps it).
        func undated(_ page: String) -> [Substring] { page.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(".Dd ") } }
        let generated = try Self.output(of: ["--generate-manual"])
        XCTAssertTrue(undated(generated) == undated(try Self.manual()), "docs/dashell.1 is \(Self.regenerate)")
    }

    func testManualDocumentsEveryOptionAndSubcommandTheHelpLists() throws {
        let manual = try Self.manual().replacingOccurrences(of: "\\", with: "")
        var listed: Set<String> = []
        for arguments in [["--help"], ["check", "--help"], ["export", "--help"]] {
            var section = ""
            for line in try Self.output(of: arguments).split(separator: "\n").map(String.init) {
                if !line.hasPrefix(" ") {
                    section = line
                    continue
                }
                guard let first = line.split(separator: " ").first.map(String.init) else { continue }
                if section.hasSuffix("OPTIONS:") {
                    listed.formUnion(first.split(separator: ",").map(String.init).filter { $0.hasPrefix("-") })
                } else if section == "SUBCOMMANDS:", !line.hasPrefix("   "), first.allSatisfy({ $0.isLowercase || $0 == "-" }) {
                    listed.insert(first)
                }
            }
        }
        XCTAssertTrue(listed.isSuperset(of: ["check", "export", "--store", "-c", "--format"]), "\(listed.sorted())")
        for name in listed.sorted() {
            // mdoc writes options as `Fl -store`, `Fl D` or `Fl h , -help`, subcommands as `Cm check`.
            let marks = name.hasPrefix("-") ? ["Fl ", ", "].map { $0 + name.dropFirst() } : ["Cm " + name]
            XCTAssertTrue(marks.contains(where: manual.contains), "docs/dashell.1 does not mention \(name): \(Self.regenerate)")
        }
    }

    func testManualHasTheSynopsisFormsOfTheSpecification() throws {
        let synopsis = try Self.section("SYNOPSIS")
        for form in [
            ".Nm\n.Op Ar options\n.Nm", ".Ar file.dash ...", ".Fl c Ar commands", ".No < Ar script",
            ".Cm check\n.Ar file.dash ...", ".Cm export\n.Op Fl -format Ar set | json | tree", ".Cm help",
        ] {
            XCTAssertTrue(synopsis.contains(form), "no \(form.debugDescription) in:\n\(synopsis)")
        }
    }

    func testManualListsEveryCommandOfTheShell() throws {
        let reference = try Self.section("COMMAND LANGUAGE")
        let help = try Dashell().ok("help").outputLines.drop { $0 != "Commands:" }.dropFirst().prefix { $0.hasPrefix(" ") }
        let commands = help.compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertTrue(commands.count > 20 && commands.contains("wizard"), "\(commands)")
        for command in commands {
            XCTAssertTrue(reference.contains(".It Cm \(command)"), "docs/dashell.1 does not list the command \(command)")
        }
    }

    func testManualHasTheExitCodesEnvironmentFilesAndExamples() throws {
        let exitStatus = try Self.section("EXIT STATUS")
        for (code, meaning) in [
            (0, "success"), (1, "a command failed"), (2, "usage"), (3, "validation failed"), (4, "conflict"),
            (5, "store unavailable"), (130, "interrupted"),
        ] {
            XCTAssertTrue(exitStatus.contains(".It \(code)\n") && exitStatus.contains(meaning), "exit \(code) in:\n\(exitStatus)")
        }
        let environment = try Self.section("ENVIRONMENT")
        for variable in ["DASHELL_STORE", "XDG_DATA_HOME", "XDG_STATE_HOME", "NO_COLOR", "PAGER", "HOME"] {
            XCTAssertTrue(environment.contains(".It Ev \(variable)\n"), "\(variable) in:\n\(environment)")
        }
        let files = try Self.section("FILES")
        for file in ["$XDG_DATA_HOME/dashell/store.sqlite", "~/.local/share/dashell/store.sqlite", "~/.local/state/dashell/history", "~/.editrc"] {
            XCTAssertTrue(files.contains(".It Pa \(file)\n"), "\(file) in:\n\(files)")
        }
        XCTAssertTrue(try Self.section("EXAMPLES").contains("$ dashell check "))
    }

    /// As a user reads it: `man` formats it without a warning. (Skipped where man is missing.)
    func testManualRendersWithMan() throws {
        guard let man = ["/usr/bin/man", "/bin/man"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("no man here")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: man)
        process.arguments = ["-l", Dashell.repository + "/docs/dashell.1"]
        process.environment = ["MANWIDTH": "80", "MANPAGER": "cat", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let page = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, warnings)
        XCTAssertEqual(warnings, "")
        for heading in ["SYNOPSIS", "OPTIONS", "COMMAND LANGUAGE", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"] {
            XCTAssertTrue(page.contains("\n" + heading + "\n"), "\(heading) in:\n\(page)")
        }
    }

    private static func manual() throws -> String {
        try String(contentsOfFile: Dashell.repository + "/docs/dashell.1", encoding: .utf8)
    }

    /// The mdoc source of one section of the committed manual, up to the next.
    private static func section(_ name: String) throws -> String {
        let manual = try manual()
        guard let start = manual.range(of: ".Sh \(name)\n") else { return "" }
        let rest = manual[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n.Sh ")?.lowerBound ?? rest.endIndex)])
    }

    /// The built binary's standard output for these arguments (it must exit 0).
    static func output(of arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Dashell.binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "dashell \(arguments.joined(separator: " "))")
        return String(decoding: data, as: UTF8.self)
    }
}
