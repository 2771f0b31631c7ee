import ConfigModel
import Foundation

/// `load`, `save`, `source`.
enum Files {
    static let commands: [CommandSpec] = [
        CommandSpec(name: "load", usage: "load merge|replace FILE", summary: "Apply a file of set/delete lines or a JSON export to the candidate", arguments: .read, run: load),
        CommandSpec(name: "save", usage: "save FILE", summary: "Write the whole candidate as set lines (secrets included; file mode 0600)", arguments: .read, run: save),
        CommandSpec(name: "source", usage: "source FILE", summary: "Run the commands of a file in this session", arguments: .read, run: source),
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
        let replace = try NameMatcher.match(modeWord, among: ["merge", "replace"], what: "load mode") == "replace"
        let file = try fileArgument(invocation, after: 1)
        let text: String
        do { text = try ScriptFile.read(file.text) } catch { throw CommandError(error.message, at: file) }
        let session = invocation.session
        if text.drop(while: \.isWhitespace).first == "{" {
            try loadJSON(Data(text.utf8), replace: replace, session: session, file: file)
        } else {
            if replace { try clear(session) }
            try loadSetLines(text, session: session, file: file)
        }
        let status = try session.candidate.status()
        invocation.print("Loaded \(file.text); \(status.pendingChanges) pending change\(status.pendingChanges == 1 ? "" : "s")")
    }

    private static func clear(_ session: Session) throws {
        var candidate = session.candidate
        for child in session.schema.children { try candidate.delete(ConfigPath.root.appending(child.keyword)) }
    }

    /// Runs the file's `set` and `delete` lines from the top, as one command: all or nothing.
    private static func loadSetLines(_ text: String, session: Session, file: Word) throws {
        let savedLocation = session.location
        defer { session.location = savedLocation }
        let progress = Progress(label: "load", text: text)
        for logical in LogicalLines(text) {
            progress?.advance(to: logical.line)
            if Interrupt.isPending { throw CommandError("interrupted while loading \(file.text)", code: .interrupted, at: file) }
            do {
                for command in try session.lexer.lex(logical.text, firstLine: logical.line) {
                    guard let first = command.words.first else { continue }
                    // A `set` of a leaf to a valid value goes straight to the candidate, as in a
                    // script (see `PreparedCommand`); anything else, errors included, through
                    // the command, which takes the path already resolved.
                    let prepared = PreparedCommand(command, resolver: session.resolver)
                    if let leaf = prepared?.leafToSet(at: .root) {
                        var candidate = session.candidate
                        try candidate.setLeaf(at: leaf.location, to: leaf.value)
                        continue
                    }
                    let spec = try prepared?.spec ?? CommandTable.find(first)
                    guard ["set", "delete"].contains(spec.name) else {
                        throw CommandError("only set and delete lines can be loaded, not \(spec.name)", at: first)
                    }
                    session.location = .root
                    let discard = OutputPipeline(pipes: [], sink: { _ in })
                    try spec.run(Invocation(session: session, name: first, arguments: Array(command.words.dropFirst()), output: discard,
                                            prepared: prepared))
                }
            } catch {
                let inner = CommandError.from(error, at: nil)
                let place = inner.word.map { "\(file.text):\($0.line):\($0.column)" } ?? "\(file.text):\(logical.line)"
                throw CommandError("\(place): \(inner.message)", code: inner.code, at: file, path: inner.path)
            }
        }
    }

    private static func loadJSON(_ data: Data, replace: Bool, session: Session, file: Word) throws {
        let imported: JSONImport.Result
        do { imported = try JSONImport(schema: session.schema).read(data) } catch {
            throw CommandError("\(file.text): \(error)", at: file)
        }
        var candidate = session.candidate
        var keptSecrets: [(ConfigPath, String)] = []
        for path in imported.maskedSecrets {
            session.warn("\(path): the file holds a masked secret; keeping the current one")
            if let current = try candidate.value(at: path) { keptSecrets.append((path, current)) }
        }
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
        for (path, value) in keptSecrets { try candidate.setLeaf(path, to: value) }
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
