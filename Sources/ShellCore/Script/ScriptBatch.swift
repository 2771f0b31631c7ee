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
            if case .file(let path) = input, let segments = try ScriptSegments.open(path) {
                let session = try makeSession(for: input)
                let runner = ScriptRunner(session: session, name: input.displayName, progress: Progress(label: input.displayName, lines: segments.lines))
                try segments.forEachSegment { text, firstLine in
                    try runner.run(text, firstLine: firstLine)
                    return !session.wantsToLeave
                }
                try finish(session)
                return .success
            }
            let text = try input.text()
            let session = try makeSession(for: input)
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

    private func makeSession(for input: ScriptInput) throws -> Session {
        let session = try Session(store: store, mode: isCheck ? .check : .script, options: options, console: console, source: input.publishSource)
        if case .file(let path) = input { session.sourceStack = [ScriptFile.identity(path)] }
        return session
    }

    /// After a successful run: show what `check` would publish, or warn about what a script
    /// left unpublished. Both read the change a window at a time: a check of a million users
    /// prints them without holding them.
    private func finish(_ session: Session) throws {
        let root = RecordKey(.root)
        guard isCheck else {
            var size = 0
            try session.candidate.forEachChangeWindow(under: root) { size += $0.size }
            if size > 0 { console.err("warning: \(size) unpublished change\(size == 1 ? "" : "s") discarded at the end of the script") }
            return
        }
        var lines: [String] = []
        var changes: [RecordChange] = []
        var isEmpty = true
        let emit: (String) -> Void = options.json ? { lines.append($0) } : console.out
        let renderer = DiffRenderer(schema: session.schema)
        try session.candidate.forEachChangeWindow(under: root) { window in
            isEmpty = false
            if options.json { changes += window.changes }
            try renderer.renderOnTwoThreads(window.changes, to: DiffColors.emitting(to: emit, colored: options.color))
        }
        if isEmpty { emit("Check: no change would be published") }
        if options.json {
            // One document for the diff, like every command's under --json.
            console.out(
                JSONOut.object([
                    ("ok", .bool(true)), ("command", .string("check")),
                    ("result", Viewing.json(ChangeSet(changes), schema: session.schema)),
                    ("output", .array(lines.map(JSONOut.string))),
                ]).serialized)
        }
    }

    private func report(_ failure: ScriptFailure) {
        if options.json { console.out(failure.document.serialized) }
        let lines = failure.line == 0 ? ["\(failure.file): error: \(failure.error.message)"] + failure.error.details : failure.report
        for line in lines { console.err(line) }
    }
}
