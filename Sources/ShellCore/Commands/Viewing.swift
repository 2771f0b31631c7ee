import ConfigModel
import ConfigStore
import Foundation

/// `show`, `compare`, `status`, `validate`, `search`.
enum Viewing {
    static let commands: [CommandSpec] = [
        CommandSpec(
            command: .show, usage: "show [published | revision N | history [N] | requests | audit [N]] [PATH]",
            summary: "Show the candidate, the published configuration, a revision, the history, the open change requests or the audit trail",
            arguments: .read,
            details: [
                "A key written with *, ? or [...] (quoted: 'a*') shows the path in each existing entry it matches,",
                "each under the entry's name (set lines name their path; JSON is an array of documents);",
                "how many matched goes to stderr.",
                "show audit [N]: the last N records of the audit trail (default 20), newest first; needs the privilege view-logs.",
            ],
            run: show),
        CommandSpec(
            command: .compare, usage: "compare [revision N [revision M] | request N] [PATH]",
            summary: "Show differences: candidate vs published, between revisions, or what a change request would change",
            arguments: .read, run: compare),
        CommandSpec(command: .status, usage: "status", summary: "Base and latest revision, pending changes, staleness", arguments: .none, run: status),
        CommandSpec(command: .validate, usage: "validate", summary: "Check the candidate against every rule", arguments: .none, run: validate),
        CommandSpec(
            command: .search, usage: "search user-accounts PATTERN",
            summary: "Find users, by user id: a glob (*, ?, [..]) matches the id, a plain word any part of id, name or e-mail",
            arguments: .read,
            details: [
                "A pattern with *, ? or [...] (quoted) matches the whole user id, case mattering; the literal",
                "characters it starts with are read as a range of the index (user0012* reads only those users).",
                "A word without them is found in the user id, display name or e-mail, regardless of case.",
                "Results come in user id order, streamed (paged at a terminal, all of them otherwise);",
                "\"no users match\" goes to stderr when none do.",
            ],
            run: search),
    ]

    static let showKeywords = ["published", "revision", "history", "requests", "audit"]

    /// A sub-keyword of `show`/`compare` when the word is one and is not also a path word here.
    static func subKeyword(_ word: Word?, in session: Session, among keywords: [String]) -> String? {
        guard let word, !word.isQuoted else { return nil }
        let lowered = word.text.lowercased()
        if keywords.contains(lowered) { return lowered }
        if let node = session.schema.node(at: session.location), !node.children(matching: word.text).isEmpty {
            return nil
        }
        let found = NameMatcher.candidates(word.text, among: keywords)
        return found.count == 1 ? found[0] : nil
    }

    static func show(_ invocation: Invocation) throws {
        let session = invocation.session
        var arguments = invocation.arguments[...]
        let config: any ConfigReader
        switch subKeyword(arguments.first, in: invocation.session, among: showKeywords) {
        case "history":
            return try history(invocation, arguments.dropFirst())
        case "requests":
            if let extra = arguments.dropFirst().first { throw CommandError("show requests takes no argument: unexpected '\(extra.text.excerpt)'", at: extra) }
            return try Requests.list(invocation)
        case "audit":
            return try AuditViewing.show(invocation, arguments.dropFirst())
        case "published":
            arguments = arguments.dropFirst()
            config = session.store.published()
        case "revision":
            guard let number = arguments.dropFirst().first else { throw CommandError("show revision needs a number", at: arguments.first) }
            config = try session.store.configuration(atRevision: try invocation.revision(number))
            arguments = arguments.dropFirst(2)
        default:
            config = session.candidate
        }
        let resolution = try invocation.resolveWholePath(arguments, allowingPatterns: true)
        if let pattern = EntryPattern(resolution.path) {
            return try ShowMatches(pattern: pattern, config: config, invocation: invocation).run()
        }
        try invocation.requireEntries(along: resolution.path, in: [config], at: arguments.last)
        try invocation.render(config, under: resolution.path)
    }

    static func history(_ invocation: Invocation, _ arguments: ArraySlice<Word>) throws {
        let limit = try arguments.first.map { try invocation.number($0, what: "the number of revisions") }
        let revisions = try invocation.session.store.history(limit: limit)
        invocation.data = .array(
            revisions.map { revision in
                .object([
                    ("revision", .number(revision.id)), ("time", .string(timestamp(revision.time))), ("user", .string(revision.user)),
                    ("source", .string(revision.source)), ("comment", .optional(revision.comment)), ("changes", .number(revision.changeCount)),
                    ("approver", .optional(revision.approver)),
                ])
            })
        for revision in revisions {
            let comment = revision.comment.map { "  \(ConfigModelQuoting.word($0))" } ?? ""
            let user = revision.approver.map { "\(revision.user) (approved by \($0))" } ?? revision.user
            invocation.print(
                "\(revision.id)  \(timestamp(revision.time))  \(user)  \(revision.source)  \(revision.changeCount) change\(revision.changeCount == 1 ? "" : "s")\(comment)"
            )
        }
    }

    static func timestamp(_ time: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }

    static func compare(_ invocation: Invocation) throws {
        let session = invocation.session
        var arguments = invocation.arguments[...]
        if subKeyword(arguments.first, in: session, among: ["revision", "request"]) == "request" {
            guard let number = arguments.dropFirst().first else { throw CommandError("request needs a number", at: arguments.first) }
            let id = try invocation.number(number, what: "request")
            return try Requests.compare(id, number: number, under: try invocation.resolveWholePath(arguments.dropFirst(2)).path, invocation)
        }
        var revisions: [Int] = []
        while revisions.count < 2, subKeyword(arguments.first, in: invocation.session, among: ["revision"]) == "revision" {
            guard let number = arguments.dropFirst().first else { throw CommandError("revision needs a number", at: arguments.first) }
            revisions.append(try invocation.revision(number))
            arguments = arguments.dropFirst(2)
        }
        let path = try invocation.resolveWholePath(arguments).path
        // An entry only one side holds is what the comparison shows; one neither holds is a typo.
        let sides: [any ConfigReader] =
            try revisions.isEmpty
            ? [session.candidate, session.store.published()]
            : [session.candidate] + revisions.map { try session.store.configuration(atRevision: $0) }
        try invocation.requireEntries(along: path, in: revisions.count == 2 ? Array(sides.dropFirst()) : sides, at: arguments.last)
        let scope = RecordKey(path)
        let changes: ChangeSet
        switch revisions.count {
        case 0: changes = try session.candidate.changesAgainstPublished(under: scope)
        case 1: changes = try candidateChanges(since: revisions[0], under: scope, session: session)
        default: changes = try session.store.changes(from: revisions[0], to: revisions[1], under: scope)
        }
        try show(changes, invocation)
    }

    /// Revision N against the candidate: what publishing the candidate would change relative to N.
    static func candidateChanges(since revision: Int, under scope: RecordKey, session: Session) throws -> ChangeSet {
        let published = try session.store.changes(from: revision, to: session.store.latestRevision(), under: scope)
        let pending = try session.candidate.changesAgainstPublished(under: scope)
        var byKey: [RecordKey: RecordChange] = [:]
        for change in published.changes { byKey[change.key] = change }
        for change in pending.changes {
            let old = byKey[change.key].map(\.old) ?? change.old
            byKey[change.key] = RecordChange(key: change.key, old: old, new: change.new)
        }
        return ChangeSet(byKey.values.filter { $0.old != $0.new })
    }

    /// The diff, or `no differences` (SPEC §5): an empty answer would look like a failure.
    static func show(_ changes: ChangeSet, _ invocation: Invocation) throws {
        invocation.data = json(changes, schema: invocation.session.schema)
        guard !changes.isEmpty else { return invocation.print("no differences") }
        let emit = DiffColors.emitting(to: invocation.print, colored: invocation.session.options.color)
        try DiffRenderer(schema: invocation.session.schema).render(changes.changes, to: emit)
    }

    /// Changed leaves as `--json` shows them (`compare`, `check`): path, old and new, secrets masked.
    static func json(_ changes: ChangeSet, schema: SchemaNode) -> JSONOut {
        .array(
            changes.changes.flatMap { change in
                let entry = change.key.description
                return change.leafChanges.map { leaf in
                    JSONOut.object([
                        ("path", .string(entry + " " + leaf.leaf)),
                        ("old", .optional(Masking.mask(leaf.old, leaf: leaf.leaf, of: change.key, schema: schema))),
                        ("new", .optional(Masking.mask(leaf.new, leaf: leaf.leaf, of: change.key, schema: schema))),
                    ])
                }
            })
    }

    /// Also who else is editing and what waits for approval, as Junos's `status` shows
    /// who is editing.
    static func status(_ invocation: Invocation) throws {
        let session = invocation.session
        let status = try session.candidate.status()
        let others = try session.store.otherCandidates(than: session.options.user)
        let requests = try session.store.openChangeRequests()
        let confirmations = try session.store.pendingConfirmations()
        invocation.data = .object([
            ("base", .number(status.baseRevision)), ("latest", .number(status.latestRevision)),
            ("pending", .number(status.pendingChanges)), ("stale", .bool(status.isStale)),
            ("confirmations", .array(confirmations.map(ConfirmedPublish.json))),
            (
                "others",
                .array(
                    others.map { other in
                        .object([
                            ("user", .string(other.user)), ("base", .number(other.base)), ("entries", .number(other.records)),
                            ("edited", other.edited.map { .string(timestamp($0)) } ?? .null),
                        ])
                    })
            ),
            ("requests", .array(requests.map(Requests.json))),
        ])
        invocation.print("base revision    \(status.baseRevision)")
        invocation.print("latest revision  \(status.latestRevision)\(status.isStale ? "  (candidate is stale: run update)" : "")")
        invocation.print("pending changes  \(status.pendingChanges)")
        for line in ConfirmedPublish.statusLines(confirmations) { invocation.print(line) }
        if !others.isEmpty {
            invocation.print("other candidates")
            var rows = AlignedRows { line in
                invocation.print("  " + line)
                return true
            }
            for other in others {
                let entries = "\(other.records) \(other.records == 1 ? "entry" : "entries") edited"
                rows.append([other.user, "base \(other.base)", entries, other.edited.map { "last edit \(timestamp($0))" } ?? ""])
            }
            rows.flush()
        }
        if !requests.isEmpty {
            invocation.print("open change requests")
            Requests.printRows(requests, indent: "  ", invocation)
        }
    }

    /// Also warns of the conflicts a publish would meet, so that a stale candidate is
    /// updated before the publish fails; they are not errors: `update` resolves them.
    static func validate(_ invocation: Invocation) throws {
        let candidate = invocation.session.candidate
        let conflicts = try candidate.conflicts()
        for conflict in conflicts {
            invocation.session.warn("publish would conflict (run update): \(conflict)")
        }
        try Verdict.report(try candidate.validate(as: invocation.session.options.user), conflicts: conflicts, invocation: invocation)
        invocation.print("Configuration is valid")
    }

    static func search(_ invocation: Invocation) throws {
        guard let list = invocation.arguments.first else { throw CommandError("search needs user-accounts and a pattern", at: invocation.name) }
        _ = try NameMatcher.match(list, among: ["user-accounts"], what: "search target")
        guard invocation.arguments.count == 2 else {
            throw CommandError("search user-accounts needs one pattern; quote it if it has spaces", at: invocation.arguments.dropFirst(2).first ?? list)
        }
        let search = UserSearch(invocation.arguments[1].text)
        let users = ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user"], schema: invocation.session.schema)
        var found: [JSONOut] = []
        var matches = 0
        let collects = invocation.session.options.json
        var rows = AlignedRows { line in
            guard !invocation.output.isDiscarding else { return false }
            invocation.print(line)
            return true
        }
        try search.forEachMatch(in: invocation.session.candidate, users: users) { id, record in
            matches += 1
            let name = record["display-name"].map(ConfigModelQuoting.word) ?? ""
            let email = record["email"].map { "<\($0)>" } ?? ""
            rows.append([ConfigModelQuoting.word(id), name, email])
            if collects {
                found.append(
                    .object([
                        ("user-id", .string(id)), ("display-name", .optional(record["display-name"])),
                        ("email", .optional(record["email"])),
                    ]))
            }
            return !invocation.output.isDiscarding
        }
        rows.flush()
        if Interrupt.isPending { throw CommandError("search interrupted", code: .interrupted, at: invocation.name) }
        if matches == 0 { invocation.session.console.err("no users match") }
        invocation.data = .array(found)
    }
}
