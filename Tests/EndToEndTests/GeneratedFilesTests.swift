import Foundation
import XCTest

/// The committed completion scripts and manual page must match the built binary's definition.
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
        XCTAssertTrue(bash.contains("compgen -W 'check export help store'"))
        XCTAssertTrue(bash.contains("-fX '!*.@(dash)'"))
        XCTAssertTrue(bash.contains("-W 'set'$'\\n''json'$'\\n''tree'"))
        let zsh = try String(contentsOfFile: Dashell.repository + "/completions/_dashell", encoding: .utf8)
        XCTAssertTrue(zsh.contains("_files -g '\\''*.dash'\\''"))
        XCTAssertTrue(zsh.contains("___format=('set' 'json' 'tree')"))
        let fish = try String(contentsOfFile: Dashell.repository + "/completions/dashell.fish", encoding: .utf8)
        XCTAssertTrue(fish.contains("*.\\'dash\\'"))
        XCTAssertTrue(fish.contains("-rfka 'set json tree'"))
    }

    /// Generating the manual takes the package plugin and a release build, too slow for a test:
    /// check instead that it documents every option and subcommand the help lists.
    func testManualMentionsEverythingTheHelpLists() throws {
        let manual = try String(contentsOfFile: Dashell.repository + "/docs/dashell.1", encoding: .utf8)
            .replacingOccurrences(of: "\\", with: "")
        var listed: Set<String> = []
        for arguments in [["--help"], ["check", "--help"], ["export", "--help"]] {
            var section = ""
            for line in try Self.output(of: arguments).split(separator: "\n").map(String.init) {
                if !line.hasPrefix(" ") { section = line; continue }
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
            // mdoc writes options as `Fl -store`, `Fl D` or `Fl h , -help`, subcommands as `Em check`.
            let marks = name.hasPrefix("-") ? ["Fl ", ", "].map { $0 + name.dropFirst() } : ["Em " + name]
            XCTAssertTrue(marks.contains(where: manual.contains), "docs/dashell.1 does not mention \(name): \(Self.regenerate)")
        }
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
