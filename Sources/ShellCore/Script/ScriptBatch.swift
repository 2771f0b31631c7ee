import ConfigModel
import ConfigStore

/// Runs script inputs in order, as SPEC §6–7 says: each in a fresh candidate on the latest
/// revision; the first failure stops the rest; what was not published is discarded (with a
/// warning); `check` publishes nothing and prints the diff that would be published.
public struct ScriptBatch {
    public let store: any ConfigStore
    public let options: Session.Options
    public let isCheck: Bool
    public let console: Console

    public init(store: any ConfigStore, options: Session.Options, isCheck: Bool, console: Console) {
        self.store = store
        self.options = options
        self.isCheck = isCheck
        self.console = console
    }

    public func run(_ inputs: [ScriptInput]) -> ExitCode {
        for input in inputs {
            let code = run(input)
            if code != .success { return code }
        }
        return .success
    }

    private func run(_ input: ScriptInput) -> ExitCode {
        do {
            let text = try input.text()
            let session = try Session(store: store, mode: isCheck ? .check : .script, options: options, console: console, source: input.publishSource)
            if case .file(let path) = input { session.sourceStack = [ScriptFile.identity(path)] }
            let progress = Progress(label: input.displayName, text: text)
            try ScriptRunner(session: session, name: input.displayName, progress: progress).run(text)
            try finish(session)
            return .success
        } catch let failure as ScriptFailure {
            report(failure)
            return failure.code
        } catch {
            let commandError = CommandError.from(error, at: nil)
            report(ScriptFailure(error: commandError, file: input.displayName, line: 0, column: 0, sourceLine: nil))
            return commandError.code
        }
    }

    /// After a successful run: show what `check` would publish, or warn about what a script left unpublished.
    private func finish(_ session: Session) throws {
        let changes = try session.candidate.changesAgainstPublished(under: RecordKey(.root))
        if isCheck {
            var lines: [String] = []
            let emit: (String) -> Void = options.json ? { lines.append($0) } : console.out
            if changes.isEmpty {
                emit("Check: no change would be published")
            } else {
                try DiffRenderer(schema: session.schema).renderOnTwoThreads(changes.changes, to: DiffColors.emitting(to: emit, colored: options.color))
            }
            if options.json {
                // One document for the diff, like every command's under --json.
                console.out(
                    JSONOut.object([
                        ("ok", .bool(true)), ("command", .string("check")),
                        ("result", Viewing.json(changes, schema: session.schema)),
                        ("output", .array(lines.map(JSONOut.string))),
                    ]).serialized)
            }
        } else if !changes.isEmpty {
            console.err("warning: \(changes.size) unpublished change\(changes.size == 1 ? "" : "s") discarded at the end of the script")
        }
    }

    private func report(_ failure: ScriptFailure) {
        if options.json { console.out(failure.document.serialized) }
        let lines = failure.line == 0 ? ["\(failure.file): error: \(failure.error.message)"] + failure.error.details : failure.report
        for line in lines { console.err(line) }
    }
}
