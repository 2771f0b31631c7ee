import ConfigModel

extension Session {
    /// Runs one command with its pipes. A failing command leaves the candidate and the
    /// location as they were. In `--json` mode a successful command prints one document.
    public func execute(_ command: CommandWords) throws {
        try execute(command, prepared: nil)
    }

    /// The same, with what was worked out before it ran (see `PreparedCommand`). `quietly`:
    /// the command is part of another whose output it is not (a line `load` reads), so what
    /// it prints goes nowhere and `--json` gets no document of its own.
    func execute(_ command: CommandWords, prepared: PreparedCommand?, quietly: Bool = false) throws {
        guard let first = command.words.first else { return }
        if let leaf = prepared?.leafToSet(at: location), command.pipes.isEmpty, !options.json {
            // Most of a bulk script: a `set` of a leaf, its every step but the edit already
            // taken, prints nothing, so it needs no invocation and no output pipeline.
            do { try transactionally { try candidate.setLeaf(at: leaf.location, to: leaf.value) } } catch {
                throw recorded(CommandError.from(error, at: first), of: .set)
            }
            return
        }
        let spec = try prepared?.spec ?? CommandTable.find(first)
        if spec.interactiveOnly, mode != .interactive {
            throw CommandError("\(spec.name) needs an interactive shell", at: first)
        }
        let arguments = Array(command.words.dropFirst())
        try spec.checkCount(of: arguments)
        let pipes = try command.pipes.map { words throws(CommandError) in try PipeStage.parse(words) }
        let json = options.json && !quietly
        let collected = json ? CollectedLines() : nil
        let paging = pipes.allSatisfy { if case .noMore = $0 { false } else { true } }
        let pager = paging && !json && !quietly ? io.pager : nil
        let sink = quietly ? { _ in } : collected?.append ?? pager?.line ?? io.consoleOut
        let output = OutputPipeline(pipes: pipes, sink: sink, isSinkClosed: { pager?.isClosed ?? false })
        defer { pager?.finish() }
        let invocation = Invocation(session: self, name: first, arguments: arguments, output: output, prepared: prepared)
        do {
            try transactionally { try spec.run(invocation) }
        } catch let failure as ScriptFailure {
            // A sourced file's command, which recorded its own refusal.
            throw failure
        } catch {
            throw recorded(CommandError.from(error, at: first), of: spec.command)
        }
        output.finish()
        if !invocation.notes.isEmpty {
            pager?.finish()
            for note in invocation.notes { console.err(note) }
        }
        if json {
            var members: [(String, JSONOut)] = [("ok", .bool(true)), ("command", .string(spec.name))]
            if let data = invocation.data { members.append(("result", data)) }
            members.append(("output", .array((collected?.lines ?? []).map(JSONOut.string))))
            console.out(JSONOut.object(members).serialized)
        }
    }

    /// `failure`, once recorded in the audit trail if it is a refusal (SPEC §12).
    private func recorded(_ failure: CommandError, of command: Command) -> CommandError {
        recordRefusal(failure, of: command)
        return failure
    }

    /// Parses and runs a whole line typed or read from a script; used by the interactive shell.
    public func execute(line: String, lineNumber: Int = 1) throws {
        commandHistory.append(line)
        let commands: [CommandWords]
        do { commands = try lexer.lex(line, firstLine: lineNumber) } catch { throw CommandError.from(error, at: nil) }
        for command in commands {
            try execute(command)
            if wantsToLeave { return }
        }
    }
}

/// A `--json` command's output lines, gathered for its document.
private final class CollectedLines {
    private(set) var lines: [String] = []

    func append(_ line: String) { lines.append(line) }
}
