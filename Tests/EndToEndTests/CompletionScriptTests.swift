import Foundation
import Testing

/// The committed completion scripts, as the shells run them on a TAB: ArgumentParser's script
/// for the options and subcommands, and the front for the default form's script files
/// (bash always; fish where it is installed). zsh is read by GeneratedFilesTests only.
struct CompletionScriptTests {
    /// A command line (the cursor at its end), what must be among the candidates and what must not.
    struct Case: Sendable, CustomTestStringConvertible {
        let line: String
        let offers: Set<String>
        var withholds: Set<String> = []
        /// When true, `offers` is the whole answer.
        var exactly = false

        var testDescription: String { line.debugDescription }
    }

    static let subcommands: Set<String> = ["check", "export", "store", "help"]
    static let scriptFiles: Set<String> = ["a.dash", "b.dash", "sub"]

    static let cases: [Case] = [
        Case(line: "dashell ", offers: subcommands.union(scriptFiles), withholds: ["notes.txt"]),
        Case(line: "dashell --store x --json ", offers: subcommands.union(scriptFiles), withholds: ["notes.txt"]),
        Case(line: "dashell a.dash ", offers: scriptFiles, withholds: subcommands.union(["notes.txt"])),
        Case(line: "dashell a.dash --st", offers: ["--store"], exactly: true),
        Case(line: "dashell a.dash --store ", offers: ["notes.txt", "a.dash"]),
        Case(line: "dashell check ", offers: scriptFiles, withholds: ["export", "notes.txt"]),
        Case(line: "dashell check -", offers: ["--store", "--json"], withholds: ["-c"]),
        Case(line: "dashell export --format ", offers: ["set", "json", "tree"], exactly: true),
        Case(line: "dashell --store x export --format ", offers: ["set", "json", "tree"], exactly: true),
        Case(line: "dashell store ", offers: ["init"]),
    ]

    @Test(arguments: cases)
    func bashCompletes(_ test: Case) throws {
        let driver = """
            source "$1"
            read -ra COMP_WORDS <<<"$2"
            [[ "$2" == *" " ]] && COMP_WORDS+=("")
            COMP_LINE="$2" COMP_POINT="${#2}" COMP_CWORD="$((${#COMP_WORDS[@]} - 1))"
            function="$(complete -p dashell)" function="${function##*-F }" function="${function%% *}"
            "${function}" dashell "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let output = try Self.run("/bin/bash", ["-c", driver, "bash", Self.script("dashell.bash"), test.line])
        try Self.check(Self.candidates(output), test)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: CompletionScriptTests.fish)), arguments: cases)
    func fishCompletes(_ test: Case) throws {
        let output = try Self.run(Self.fish, ["--no-config", "-c", "source $argv[1]; complete -C $argv[2]", Self.script("dashell.fish"), test.line])
        try Self.check(Self.candidates(output), test)
    }

    /// The front comes after the library's script and must not replace its functions, but for
    /// those it wraps, having kept a copy (fish's `functions -c`).
    @Test(arguments: ["dashell.bash", "_dashell", "dashell.fish"])
    func theFrontKeepsTheLibrarysFunctions(file: String) throws {
        let text = try String(contentsOfFile: Self.script(file), encoding: .utf8)
        let parts = text.components(separatedBy: "\n# dashell without a subcommand runs script files")
        try #require(parts.count == 2)
        let definition = /(?m)^(?:function ([_a-z]+)|([_a-z]+)\(\))/
        let names = { (part: String) in Set(part.matches(of: definition).compactMap { ($0.output.1 ?? $0.output.2).map(String.init) }) }
        let copied = Set(parts[1].matches(of: #/(?m)^functions -c ([_a-z]+) /#).map { String($0.output.1) })
        #expect(names(parts[0]).intersection(names(parts[1])).subtracting(copied).isEmpty)
    }

    static let fish = "/usr/bin/fish"

    private static func script(_ name: String) -> String {
        Dashell.repository + "/completions/" + name
    }

    /// A folder of two script files, a file of another kind and a folder.
    private static let folder: String = {
        let folder = NSTemporaryDirectory() + "dashell-completion-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        for file in ["a.dash", "b.dash", "notes.txt", "sub/c.dash"] {
            _ = FileManager.default.createFile(atPath: folder + "/" + file, contents: nil)
        }
        return folder
    }()

    /// One candidate a line, a description (fish) and a folder's slash (fish) left out.
    private static func candidates(_ output: String) -> Set<String> {
        Set(
            output.split(separator: "\n").map { line in
                let candidate = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)[0]
                return String(candidate.hasSuffix("/") ? candidate.dropLast() : candidate)
            })
    }

    private static func check(_ candidates: Set<String>, _ test: Case) throws {
        if test.exactly {
            #expect(candidates == test.offers)
        } else {
            #expect(candidates.isSuperset(of: test.offers), "\(candidates.sorted())")
        }
        #expect(candidates.isDisjoint(with: test.withholds), "\(candidates.sorted())")
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
