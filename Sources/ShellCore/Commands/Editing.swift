import ConfigModel

/// `set`, `delete`, `rename`, `copy`: the only commands that change the candidate's content
/// (with `load`). `set` checks rule V1; everything else waits for validate/publish.
enum Editing {
    static let commands: [CommandSpec] = [
        CommandSpec(
            command: .set, usage: "set PATH [VALUE]", summary: "Set a leaf (a boolean without value becomes true) or create a list entry", arguments: .read,
            details: [
                "A secret without a value is asked for twice without echo (interactive only; a script must give it)."
            ] + patternDetails, run: set),
        CommandSpec(
            command: .delete, usage: "delete PATH", summary: "Unset a leaf, or delete an entry, a list or a subtree", arguments: .read,
            details: patternDetails, run: delete),
        CommandSpec(
            command: .rename, usage: "rename PATH-TO-ENTRY NEW-KEY", summary: "Give an entry a new key, updating references to it", arguments: .read,
            run: rename),
        CommandSpec(
            command: .copy, usage: "copy PATH-TO-ENTRY NEW-KEY",
            summary: "Copy an entry and its sub-entries to a new key (a method's display name gets \" (copy)\")", arguments: .read,
            run: copy),
    ]

    /// What `help set` and `help delete` say of a pattern for a key.
    static let patternDetails = [
        "A key written with *, ? or [...] (quoted: 'contractor-*') is a pattern: the command acts on each",
        "existing entry it matches, in one step (undone whole if any entry fails), and says how many it",
        "changed. Matching is case-sensitive, through the index from the characters before the first",
        "wildcard. At the keyboard, more than 100 entries are asked about first; scripts never ask. No",
        "key can hold *, ?, [ or ], so a key without them is always a key.",
    ]

    static func set(_ invocation: Invocation) throws {
        guard !invocation.arguments.isEmpty else { throw CommandError("set needs a path", at: invocation.name) }
        var candidate = invocation.session.candidate
        let resolution = try invocation.preparedResolution ?? invocation.resolvePath(invocation.arguments[...], allowingPatterns: true)
        let values = invocation.arguments[resolution.wordsUsed...]
        let node = resolution.node, path = resolution.path
        let pattern = EntryPattern(path)
        switch node.kind {
        case .leaf(let spec):
            if values.count > 1 {
                throw CommandError("too many values for \(path); quote a value that contains spaces", at: values.dropFirst().first, path: path)
            }
            let text: String
            if let word = values.first {
                text = word.text
            } else if spec.type.isSecret {
                text = try secretTypedUnseen(at: path, label: node.label, invocation)
            } else {
                guard spec.type == .boolean else {
                    throw CommandError("\(path) needs a value (\(spec.type.name))", at: invocation.arguments.last, path: path)
                }
                text = "true"
            }
            let value: String
            do { value = try spec.type.parse(text) } catch {
                // A secret is never printed back, not even when it is refused.
                let reason = spec.type.isSecret ? "\(SecretMask.text) \(error.problem)" : error.description
                throw CommandError("\(path): \(reason)", at: values.first ?? invocation.arguments.last, path: path)
            }
            guard let pattern else { return try candidate.setLeaf(path, to: value) }
            try BulkEdit.apply(pattern, verb: "set", existingOnly: false, invocation) { match in
                // Where the leaf is stored, worked out once for the read and the edit.
                let location = LeafLocation(of: match)
                let old = try candidate.record(location.key)?[location.leaf]
                try candidate.setLeaf(at: location, to: value)
                return old != value
            }
        case .list where path.steps.last?.key != nil:
            guard let pattern else { return try candidate.createEntries(along: path) }
            guard let last = path.steps.last?.key, !ListKey.isPattern(last) else {
                throw CommandError(
                    "\(pattern.selectionDescription) selects existing entries, which set cannot create; name a leaf to set in each",
                    at: invocation.arguments.last, path: path)
            }
            try BulkEdit.apply(pattern, verb: "set", existingOnly: false, invocation) { match in
                let existed = try candidate.exists(match)
                try candidate.createEntries(along: match)
                return !existed
            }
        case .list:
            throw CommandError("\(path) needs a key: \(node.keyword) <\(node.keyName ?? "key")>", at: invocation.arguments.last, path: path)
        case .container:
            let options = node.children.map(\.keyword).joined(separator: ", ")
            throw CommandError(
                "incomplete path \(path.isRoot ? "/" : path.description); expected one of: \(options)", at: invocation.arguments.last, path: path)
        }
    }

    /// A secret `set` without a value: at a keyboard, typed twice without echo, so that it
    /// is neither on the screen nor in the history; a script must give it.
    private static func secretTypedUnseen(at path: ConfigPath, label: String, _ invocation: Invocation) throws -> String {
        guard let read = invocation.session.io.secretReader else {
            throw CommandError(
                "\(path) needs a value (secret); only an interactive shell asks for one", at: invocation.arguments.last, path: path)
        }
        guard let typed = read("\(label) (not shown): "), !typed.isEmpty, let again = read("\(label) again: ") else {
            throw CommandError("nothing typed; \(path) not set", path: path)
        }
        guard typed == again else { throw CommandError("the two entries differ; \(path) not set", path: path) }
        return typed
    }

    static func delete(_ invocation: Invocation) throws {
        guard !invocation.arguments.isEmpty else { throw CommandError("delete needs a path", at: invocation.name) }
        let prepared = invocation.preparedResolution.flatMap { $0.wordsUsed == invocation.arguments.count ? $0 : nil }
        let resolution = try prepared ?? invocation.resolveWholePath(invocation.arguments[...], allowingPatterns: true)
        guard !resolution.path.isRoot else {
            throw CommandError("delete needs a path below the top; to empty the candidate use load replace", at: invocation.arguments.last)
        }
        var candidate = invocation.session.candidate
        if let pattern = EntryPattern(resolution.path) {
            return try BulkEdit.apply(pattern, verb: "delete", existingOnly: true, invocation) { match in
                try candidate.delete(match)
            }
        }
        try invocation.requireEntries(along: resolution.path, in: [candidate], at: invocation.arguments.last)
        if try !candidate.delete(resolution.path) {
            invocation.session.warn("nothing to delete at \(resolution.path)")
        }
    }

    static func rename(_ invocation: Invocation) throws {
        let (entry, newKey, newKeyWord) = try entryAndNewKey(invocation, of: .rename)
        var candidate = invocation.session.candidate
        let updated: Int
        do { updated = try candidate.rename(entry, to: newKey) } catch let error as EditError {
            throw CommandError(error.description, at: newKeyWord, path: error.path)
        }
        // What else changed with it, which the user did not type: said only when there is some.
        if updated > 0 { invocation.print("\(updated) reference\(updated == 1 ? "" : "s") updated to name \(Quoting.word(newKey))") }
    }

    static func copy(_ invocation: Invocation) throws {
        let (entry, newKey, newKeyWord) = try entryAndNewKey(invocation, of: .copy)
        var candidate = invocation.session.candidate
        do { try candidate.copy(entry, to: newKey) } catch let error as EditError {
            throw CommandError(error.description, at: newKeyWord, path: error.path)
        }
        // A copy updates no reference: said when some name the original, which a user
        // might expect to follow the copy.
        let kept = try candidate.referrers(of: RecordKey(entry)).count
        if kept > 0 {
            let original = Quoting.word(entry.steps.last?.key ?? "")
            invocation.print("0 references updated: \(kept) still name\(kept == 1 ? "s" : "") \(original), not the copy")
        }
    }

    /// The words of `rename` and `copy`: the path of an entry, then a new key for its list,
    /// checked as `set` checks a key.
    private static func entryAndNewKey(_ invocation: Invocation, of command: Command) throws -> (entry: ConfigPath, newKey: String, newKeyWord: Word) {
        guard invocation.arguments.count >= 2, let newKeyWord = invocation.arguments.last else {
            throw CommandError("\(command.name) needs the path of an entry and a new key", at: invocation.name)
        }
        let resolution = try invocation.resolveWholePath(invocation.arguments.dropLast())
        guard resolution.path.steps.last?.key != nil else {
            throw CommandError("\(resolution.path) is not a list entry", at: invocation.arguments[invocation.arguments.count - 2], path: resolution.path)
        }
        do { return (resolution.path, try (resolution.node.keyType ?? .name).validate(newKeyWord.text), newKeyWord) } catch {
            throw CommandError("invalid \(resolution.node.keyName ?? "key"): \(error)", at: newKeyWord)
        }
    }
}
