import ConfigModel

/// A file of `set` and `delete` lines that `load` runs: the lines describe a configuration,
/// so each is read from the top and nothing else may stand in it. A `# set PATH ********`
/// comment (how an export writes a secret it does not show) stands for that secret's value
/// from before the load, set where the comment stands, so that a later `set` in the file
/// still wins.
struct LoadedFile {
    /// Each masked secret's value before the load, by the line of its comment.
    private let keptSecrets: [Int: (path: ConfigPath, value: String)]

    init(text: String, session: Session) throws {
        let masked = MaskedSecretComments(in: text, session: session)
        let current = try Files.keptSecrets(masked.secrets, session: session)
        var kept: [Int: (path: ConfigPath, value: String)] = [:]
        for (line, path) in masked.secretsByLine {
            if let value = current[path] { kept[line] = (path, value) }
        }
        keptSecrets = kept
    }

    /// Sets the secret whose masked comment is on `line`, if there is one.
    func keepSecret(commentedAt line: Int, in session: Session, failing: (CommandError) -> ScriptFailure) throws(ScriptFailure) {
        guard let (path, value) = keptSecrets[line] else { return }
        do {
            var candidate = session.candidate
            try candidate.setLeaf(path, to: value)
        } catch {
            throw failing(CommandError.from(error))
        }
    }

    /// Refuses anything but `set` and `delete`, and puts the session at the top for it.
    func admit(_ command: CommandWords, in session: Session) throws {
        guard let first = command.words.first else { return }
        let spec = try CommandTable.find(first)
        guard spec.command == .set || spec.command == .delete else {
            throw CommandError("only set and delete lines can be loaded, not \(spec.name)", at: first)
        }
        session.location = .root
    }
}
