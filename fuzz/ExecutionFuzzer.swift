// libFuzzer target: bytes → lines run by `Session.execute(line:)` in an interactive-mode
// session (the user's candidate persisted after every command) on an in-memory store,
// then TAB completion and `?` help on each line. Built by scripts/fuzz.
//
// Commands that touch files (load, save, source) are skipped: the fuzzer runs as whatever
// user started it, and `save /some/path` would write there.
import ConfigModel
import ConfigStore
import DigitalAccess
@testable import ShellCore
import ShellInteractive

private let fileCommands: Set<Command> = [.load, .save, .source]

@_cdecl("LLVMFuzzerTestOneInput")
public func executionFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // A new store per input, so that no input sees what an earlier one left: in memory it
    // costs next to nothing.
    let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
    var options = Session.Options(user: "fuzz")
    options.variables = ["HOST": "ag.example.com"]
    options.environment = [:]
    options.json = size % 2 == 1
    // Offered as dashell offers them; with no one to answer (no asker), `wizard` stops
    // before its first question.
    options.wizards = DigitalAccessWizards.all
    guard let session = try? Session(store: store, mode: .interactive, options: options, console: CapturingConsole(), source: "interactive") else {
        fatalError("no session")
    }
    let completer = ShellCompleter(session: session)
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(32) {
        lineNumber += 1
        let line = String(line)
        _ = completer.complete(line)
        _ = completer.help(line)
        if let commands = try? session.lexer.lex(line),
           commands.contains(where: { command in
               command.words.first.flatMap { try? CommandTable.find($0) }.map { fileCommands.contains($0.command) } ?? false
           }) {
            continue
        }
        _ = try? session.execute(line: line, lineNumber: lineNumber)
        if session.wantsToLeave { break }
    }
    return 0
}
