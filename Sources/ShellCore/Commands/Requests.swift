import ConfigModel
import ConfigStore

/// Change requests (SPEC §12): `publish` submits one for whoever may not publish alone,
/// `show requests` lists them, `compare request N` shows one, `approve request N` publishes
/// it and `reject request N` returns it to its author.
enum Requests {
    static let commands: [CommandSpec] = [
        CommandSpec(
            command: .approve, usage: "approve request N", summary: "Publish change request N, submitted by another administrator",
            arguments: .atMost(2),
            details: [
                "Needs the publish privilege, and never by the request's author. The request's changes are",
                "checked against its SHA-256 from submission and its author's privileges now, merged like",
                "any publish (a conflict leaves it open), and recorded as by the author, approved by you.",
            ],
            run: approve),
        CommandSpec(
            command: .reject, usage: "reject request N", summary: "Close change request N unpublished; its changes go back to its author",
            arguments: .atMost(2),
            details: ["Its author may reject it to withdraw it; anyone else needs the publish privilege."], run: reject),
    ]

    /// `publish` by someone who may not publish alone: the candidate becomes a request.
    static func submit(_ metadata: PublishMetadata, _ invocation: Invocation) throws {
        switch try invocation.session.candidate.submit(metadata) {
        case .submitted(let request, let warnings):
            for warning in warnings { invocation.session.warn(warning.description) }
            invocation.data = .object([
                ("request", .number(request.id)), ("changes", .number(request.changeCount)), ("digest", .string(request.digest)),
                ("warnings", .array(warnings.map(Verdict.json))),
            ])
            invocation.print(
                "Submitted change request \(request.id) (\(changes(request.changeCount))) for approval: "
                    + "another administrator with the publish privilege runs approve request \(request.id)")
        case .nothingToSubmit:
            invocation.data = .object([("request", .null), ("changes", .number(0))])
            invocation.print("nothing to publish")
        case .invalid(let violations):
            try Verdict.report(violations, invocation: invocation)
        }
    }

    static func approve(_ invocation: Invocation) throws {
        let (id, number) = try requestNumber(invocation)
        let session = invocation.session
        let outcome = try about(number) { try session.store.approve(id, by: session.options.user, source: session.publishSource) }
        try Transactions.report(outcome, invocation)
    }

    static func reject(_ invocation: Invocation) throws {
        let (id, number) = try requestNumber(invocation)
        let session = invocation.session
        let request = try about(number) { try session.store.changeRequest(id) }
        let returned = try about(number) { try session.store.reject(id, by: session.options.user, source: session.publishSource) }
        // The author's own candidate now holds the changes: read it again.
        if request.author == session.options.user, session.mode == .interactive { try session.reopenCandidate() }
        invocation.data = .object([("request", .number(id)), ("returned", .number(returned))])
        invocation.print("Rejected change request \(id); its changes go back to \(request.author)'s candidate")
    }

    /// `show requests`: one line per open request, its id first.
    static func list(_ invocation: Invocation) throws {
        let requests = try invocation.session.store.openChangeRequests()
        invocation.data = .array(requests.map(json))
        printRows(requests, indent: "", invocation)
        if requests.isEmpty { invocation.session.console.err("no open change requests") }
    }

    /// A line per request, its id first: id, author, time, changes, quoted comment.
    static func printRows(_ requests: [ChangeRequest], indent: String, _ invocation: Invocation) {
        var rows = AlignedRows { line in
            invocation.print(indent + line)
            return true
        }
        for request in requests {
            rows.append([
                "\(request.id)", request.author, Viewing.timestamp(request.time), changes(request.changeCount),
                request.comment.map(ConfigModelQuoting.word) ?? "",
            ])
        }
        rows.flush()
    }

    static func json(_ request: ChangeRequest) -> JSONOut {
        .object([
            ("request", .number(request.id)), ("author", .string(request.author)), ("time", .string(Viewing.timestamp(request.time))),
            ("base", .number(request.base)), ("changes", .number(request.changeCount)), ("comment", .optional(request.comment)),
            ("digest", .string(request.digest)),
        ])
    }

    /// `compare request N [PATH]`: what approving it now would change.
    static func compare(_ id: Int, number: Word, under path: ConfigPath, _ invocation: Invocation) throws {
        try Viewing.show(try about(number) { try invocation.session.store.changes(ofRequest: id, under: RecordKey(path)) }, invocation)
    }

    /// The N of `request N`, the words a command takes, and the word that gave it.
    static func requestNumber(_ invocation: Invocation) throws -> (Int, Word) {
        guard let keyword = invocation.arguments.first else { throw CommandError("\(invocation.name.text) needs request N", at: invocation.name) }
        _ = try NameMatcher.match(keyword, among: ["request"], what: "\(invocation.name.text) target")
        guard let number = invocation.arguments.dropFirst().first else { throw CommandError("request needs a number", at: keyword) }
        return (try invocation.number(number, what: "request"), number)
    }

    /// Runs `body`; a request that does not exist or is closed is an error at its number.
    private static func about<T>(_ number: Word, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as RequestNotOpen { throw CommandError(error.description, at: number) }
    }

    static func changes(_ count: Int) -> String { "\(count) change\(count == 1 ? "" : "s")" }
}
