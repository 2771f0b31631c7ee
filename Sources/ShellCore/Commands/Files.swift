import ConfigModel
import Foundation

/// `load`, `save`, `source`.
enum Files {
    static let commands: [CommandSpec] = [
        CommandSpec(
            command: .load, usage: "load merge|replace FILE", summary: "Apply a file of set/delete lines or a JSON export to the candidate", arguments: .read,
            run: load),
        CommandSpec(
            command: .save, usage: "save FILE", summary: "Write the whole candidate as set lines (secrets included; file mode 0600)", arguments: .read,
            run: save),
        CommandSpec(command: .source, usage: "source FILE", summary: "Run the commands of a file in this session", arguments: .read, run: source),
    ]

    /// How deep `source` may nest, a guard beyond the cycle check.
    static let maximumSourceDepth = 32

    static func fileArgument(_ invocation: Invocation, after count: Int = 0) throws -> Word {
        let rest = invocation.arguments.dropFirst(count)
        guard let file = rest.first else { throw CommandError("\(invocation.name.text) needs a file name", at: invocation.name) }
        if let extra = rest.dropFirst().first { throw CommandError("unexpected '\(extra.text.excerpt)'; quote a file name with spaces", at: extra) }
        return file
    }

    static func load(_ invocation: Invocation) throws {
        guard let modeWord = invocation.arguments.first else { throw CommandError("load needs merge or replace, then a file", at: invocation.name) }
        let replace = try NameMatcher.match(modeWord, among: ["merge", "replace"], what: "load mode", habits: Habits.loadModes) == "replace"
        let file = try fileArgument(invocation, after: 1)
        let text: String
        do { text = try ScriptFile.read(file.text) } catch { throw CommandError(error.message, at: file) }
        let session = invocation.session
        if text.drop(while: \.isWhitespace).first == "{" {
            try loadJSON(Data(text.utf8), replace: replace, session: session, file: file)
        } else {
            try loadSetLines(text, replace: replace, session: session, file: file)
        }
        let status = try session.candidate.status()
        invocation.print("Loaded \(file.text); \(status.pendingChanges) pending change\(status.pendingChanges == 1 ? "" : "s")")
    }

    private static func clear(_ session: Session) throws {
        var candidate = session.candidate
        for child in session.schema.children { try candidate.delete(ConfigPath.root.appending(child.keyword)) }
    }

    /// Runs the file's `set` and `delete` lines from the top through the script runner, as
    /// part of the `load` command: all or nothing, a failure named by the file's line.
    private static func loadSetLines(_ text: String, replace: Bool, session: Session, file: Word) throws {
        let loading = try LoadedFile(text: text, session: session)
        if replace { try clear(session) }
        let savedLocation = session.location
        defer { session.location = savedLocation }
        var runner = ScriptRunner(session: session, name: file.text, progress: Progress(label: "load", text: text))
        runner.loading = loading
        try runner.run(text)
    }

    private static func loadJSON(_ data: Data, replace: Bool, session: Session, file: Word) throws {
        let imported: JSONImport.Result
        do { imported = try JSONImport(schema: session.schema).read(data) } catch {
            throw CommandError("\(file.text): \(error)", at: file)
        }
        var candidate = session.candidate
        let kept = try keptSecrets(imported.maskedSecrets, session: session)
        if replace { try clear(session) }
        for key in imported.config.records.keys.sorted() {
            let record = imported.config.records[key]!
            guard let path = key.path(in: session.schema) else { continue }
            try candidate.createEntries(along: path)
            let existing = try candidate.record(key) ?? Record()
            var merged = existing
            for leaf in record.leaves { merged[leaf.name] = leaf.value }
            if merged != existing { try candidate.putRecord(key, merged) }
        }
        for path in imported.maskedSecrets {
            if let value = kept[path] { try candidate.setLeaf(path, to: value) }
        }
    }

    /// The current values of the secrets a file holds only masked, which a load keeps
    /// rather than losing them; one warning per secret, since the file alone would not
    /// restore them.
    static func keptSecrets(_ secrets: [ConfigPath], session: Session) throws -> [ConfigPath: String] {
        var kept: [ConfigPath: String] = [:]
        for path in secrets {
            if let current = try session.candidate.value(at: path) {
                kept[path] = current
                session.warn("\(path): the file holds a masked secret; keeping the current one")
            } else {
                session.warn("\(path): the file holds a masked secret, and there is no current one to keep")
            }
        }
        return kept
    }

    static func save(_ invocation: Invocation) throws {
        let file = try fileArgument(invocation)
        var text = ""
        try SetRenderer(includeSecrets: true).render(invocation.session.candidate, under: .root) { text += $0 + "\n" }
        let url = URL(fileURLWithPath: file.text)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandError("cannot write \(file.text)", at: file)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw CommandError("cannot write \(file.text): \(reason)", at: file)
        }
        invocation.print("Saved the candidate to \(file.text)")
    }

    static func source(_ invocation: Invocation) throws {
        let file = try fileArgument(invocation)
        let session = invocation.session
        let identity = ScriptFile.identity(file.text)
        if session.sourceStack.contains(identity) {
            throw CommandError("\(file.text) is already being run; a file cannot source itself, directly or not", at: file)
        }
        guard session.sourceStack.count < maximumSourceDepth else {
            throw CommandError("source nested deeper than \(maximumSourceDepth) files", at: file)
        }
        let text: String
        do { text = try ScriptFile.read(file.text) } catch { throw CommandError(error.message, at: file) }
        session.sourceStack.append(identity)
        defer {
            session.sourceStack.removeLast()
            // `exit` at the top ends this file only; `quit` ends what sourced it too.
            if !session.quits { session.wantsToLeave = false }
        }
        try ScriptRunner(session: session, name: file.text).run(text)
    }
}
