import ConfigModel
import Foundation

/// Where a failing command was: enough to print `FILE:LINE:COLUMN: error: …`, the source
/// line with a caret, and the chain of files that sourced it.
public struct ScriptFailure: Error {
    public let error: CommandError
    public let file: String
    public let line: Int
    public let column: Int
    public let sourceLine: String?
    /// Whether a caret can point into `sourceLine`: not when a secret in it was masked.
    var showsCaret = true
    public internal(set) var includedFrom: [(file: String, line: Int)] = []

    public var code: ExitCode { error.code }

    /// The human report of SPEC §7, one string per stderr line.
    public var report: [String] {
        var lines = ["\(file):\(line):\(column): error: \(error.message)"]
        if let sourceLine {
            // Control characters show as their symbols (␀, ␛, …), never raw on a terminal;
            // one scalar each, so the caret stays in its column.
            let scalars = sourceLine.unicodeScalars.prefix(200).map { scalar -> Unicode.Scalar in
                switch scalar.value {
                case 0x00..<0x20 where scalar != "\t": Unicode.Scalar(0x2400 + scalar.value)!
                case 0x7F: "\u{2421}"
                default: scalar
                }
            }
            lines.append(String(String.UnicodeScalarView(scalars)))
            if showsCaret {
                let caretColumn = min(max(column, 1), scalars.count + 1)
                let indent = scalars.prefix(caretColumn - 1).map { $0 == "\t" ? "\t" : " " }.joined()
                lines.append(indent + "^")
            }
        }
        lines += error.details
        lines += includedFrom.map { "  included from \($0.file):\($0.line)" }
        return lines
    }

    /// The `--json` error document.
    var document: JSONOut {
        var error: [(String, JSONOut)] = [
            ("message", .string(self.error.message)), ("code", .number(Int(code.rawValue))),
            ("name", .string(code.name)), ("file", .string(file)), ("line", .number(line)),
            ("column", .number(column)),
        ]
        if let path = self.error.path { error.append(("path", .string(path.description))) }
        error.append(("details", .array(self.error.details.map(JSONOut.string))))
        error.append(("included-from", .array(includedFrom.map { .object([("file", .string($0.file)), ("line", .number($0.line))]) })))
        return .object([("ok", .bool(false)), ("error", .object(error))])
    }
}

/// Runs the text of a script in a session, line by line, stopping at the first failure.
struct ScriptRunner {
    let session: Session
    /// The name used in messages (`FILE` as given, `<command-line>`, `<stdin>`).
    let name: String
    /// Prints progress on a terminal when the run is long.
    var progress: Progress?
    /// Set when the file is one `load` reads: its lines are configuration, not a session's
    /// commands.
    var loading: LoadedFile?

    /// Runs `text`, whose first line is line `firstLine` of the script.
    func run(_ text: String, firstLine: Int = 1) throws(ScriptFailure) {
        for lexed in LexedLines(text: text, firstLine: firstLine, lexer: session.lexer, resolver: session.resolver) {
            let logical = lexed.logical
            progress?.advance(to: logical.line)
            if let loading { try loading.keepSecret(commentedAt: logical.line, in: session, failing: { failure($0, in: logical, fallbackLine: logical.line) }) }
            let commands: [CommandWords]
            switch lexed.commands {
            case .success(let lexedCommands): commands = lexedCommands
            case .failure(let error): throw failure(CommandError.from(error, at: nil), in: logical, fallbackLine: logical.line)
            }
            for (index, command) in commands.enumerated() {
                if Interrupt.isPending {
                    throw failure(
                        CommandError("interrupted; nothing left unpublished is kept", code: .interrupted, at: command.words.first),
                        in: logical, fallbackLine: command.line, fallbackColumn: command.column)
                }
                do {
                    if let loading { try loading.admit(command, in: session) }
                    let prepared =
                        lexed.prepared.isEmpty
                        ? PreparedCommand(command, resolver: session.resolver, at: session.location) : lexed.prepared[index]
                    try session.execute(command, prepared: prepared, quietly: loading != nil)
                } catch let nested as ScriptFailure {
                    var nested = nested
                    nested.includedFrom.append((name, command.line))
                    throw nested
                } catch {
                    var commandError = CommandError.from(error, at: command.words.first)
                    if !commandError.violations.isEmpty { nameSetLines(of: &commandError, in: text, firstLine: firstLine, before: command.line) }
                    throw failure(commandError, in: logical, fallbackLine: command.line, fallbackColumn: command.column)
                }
                if session.wantsToLeave { return }
            }
        }
    }

    /// Adds `(set at FILE:LINE)` to each violation whose path a line of this text set.
    private func nameSetLines(of error: inout CommandError, in text: String, firstLine: Int, before line: Int) {
        let lines = SetLines.find(error.violations.map(\.path), in: text, firstLine: firstLine, before: line, session: session)
        error.details = error.violations.map { violation in
            violation.description + (lines[violation.path].map { " (set at \(name):\($0))" } ?? "")
        }
    }

    private func failure(_ error: CommandError, in logical: LogicalLine, fallbackLine: Int, fallbackColumn: Int = 1) -> ScriptFailure {
        let line = error.word?.line ?? fallbackLine
        let column = error.word?.column ?? fallbackColumn
        var source = logical.physicalLine(line).map(String.init)
        // A line that sets a secret is echoed with the secret masked, and then without a
        // caret, since the columns no longer match.
        let masked = source.flatMap { SecretMasking(session: session).maskedLine($0) }
        let isMasked = masked != nil && masked != source
        if isMasked { source = masked }
        var failure = ScriptFailure(error: error, file: name, line: line, column: column, sourceLine: source)
        failure.showsCaret = !isMasked
        return failure
    }
}
