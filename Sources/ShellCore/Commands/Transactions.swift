import ConfigModel
import ConfigStore

/// `publish`, `discard`, `rollback`, `update`.
enum Transactions {
    static let commands: [CommandSpec] = [
        CommandSpec(
            command: .publish, usage: "publish [confirmed DURATION] [comment TEXT]", summary: "Validate the candidate and make it the new published revision",
            arguments: .read,
            details: [
                "confirmed DURATION (minutes, or 90s, 10m, 1h): unless you confirm within DURATION, the revision is reverted, even after you leave"
            ], run: publish),
        CommandSpec(command: .discard, usage: "discard", summary: "Drop every change in the candidate", arguments: .none, run: discard),
        CommandSpec(
            command: .rollback, usage: "rollback N", summary: "Load revision N into the candidate (publish to make it live)", arguments: .atMost(1),
            run: rollback),
        CommandSpec(command: .update, usage: "update", summary: "Rebase the candidate onto the latest revision", arguments: .none, run: update),
    ]

    static func publish(_ invocation: Invocation) throws {
        let session = invocation.session
        var comment: String?
        var words = invocation.arguments[...]
        var confirmWithin: Double?
        if let first = words.first, try NameMatcher.match(first, among: ["comment", "confirmed"], what: "publish option") == "confirmed" {
            guard let duration = words.dropFirst().first else { throw CommandError("confirmed needs a duration: minutes, or 90s, 10m, 1h", at: first) }
            confirmWithin = try ConfirmDuration(duration).seconds
            words = words.dropFirst(2)
        }
        if let first = words.first {
            _ = try NameMatcher.match(first, among: ["comment"], what: "publish option")
            guard words.count > 1 else { throw CommandError("comment needs a text", at: first) }
            comment = words.dropFirst().map(\.text).joined(separator: " ")
        }
        if session.mode == .check {
            try Verdict.report(try session.candidate.validate(as: session.options.user), invocation: invocation)
            invocation.print("Check: the candidate is valid; nothing published")
            return
        }
        var metadata = PublishMetadata(user: session.options.user, source: session.publishSource, comment: comment)
        metadata.confirmWithin = confirmWithin
        if try session.refreshPermissions().publishesThroughRequests {
            if confirmWithin != nil {
                throw CommandError(
                    "publish confirmed is not possible here: your publish goes to a change request, and its approver publishes it",
                    at: invocation.name)
            }
            return try Requests.submit(metadata, invocation)
        }
        try report(try session.candidate.publish(metadata), confirmWithin: confirmWithin, invocation)
    }

    /// What a publish did, as `publish` and `approve request` say it; a confirmed one also
    /// arms its revert.
    static func report(_ outcome: PublishOutcome, confirmWithin: Double? = nil, _ invocation: Invocation) throws {
        let session = invocation.session
        switch outcome {
        case .published(let revision, let count, let warnings):
            for warning in warnings { session.warn(warning.description) }
            invocation.print("Published revision \(revision) (\(count) change\(count == 1 ? "" : "s"))")
            let confirmBy = try confirmWithin.map { _ in try ConfirmedPublish.arm(revision, invocation) }
            invocation.data = .object(
                [
                    ("revision", .number(revision)), ("changes", .number(count)),
                    ("warnings", .array(warnings.map(Verdict.json))),
                ] + (confirmBy.map { [("confirm-by", $0)] } ?? []))
        case .nothingToPublish:
            invocation.data = .object([("revision", .null), ("changes", .number(0))])
            invocation.print("nothing to publish")
        case .invalid(let violations):
            try Verdict.report(violations, invocation: invocation)
        case .conflict(let conflicts):
            throw CommandError(
                "conflict with a newer revision; nothing published (run update to rebase)", code: .conflict,
                at: invocation.name, details: conflicts.map(\.description))
        case .denied(let refusal):
            throw CommandError("\(refusal); nothing published", code: .permissionDenied, at: invocation.name, path: refusal.path)
        }
    }

    static func discard(_ invocation: Invocation) throws {
        try invocation.session.candidate.discard()
        invocation.print("Candidate discarded")
    }

    /// Over pending changes, which it would replace, it asks first at a keyboard; a script,
    /// which cannot be asked, is refused until it discards them.
    static func rollback(_ invocation: Invocation) throws {
        guard let word = invocation.arguments.first else { throw CommandError("rollback needs a revision number", at: invocation.name) }
        let session = invocation.session
        let revision = try invocation.revision(word)
        let pending = try session.candidate.status().pendingChanges
        if pending > 0 {
            let changes = "\(pending) unpublished change\(pending == 1 ? "" : "s")"
            switch session.confirms("Replace your \(changes) with revision \(revision)?", defaultAnswer: false) {
            case nil:
                throw CommandError("rollback would replace your \(changes); run discard first, or publish them", at: invocation.name)
            case false?:
                invocation.print("Rollback cancelled; your changes are kept")
                return
            case true?:
                break
            }
        }
        try session.candidate.rollback(to: revision)
        invocation.print("Revision \(word.text) loaded into the candidate; publish to make it live")
    }

    static func update(_ invocation: Invocation) throws {
        let outcome = try invocation.session.candidate.update()
        invocation.data = .object([("base", .number(outcome.newBase)), ("dropped", .array(outcome.dropped.map { .string($0.description) }))])
        invocation.print("Candidate rebased onto revision \(outcome.newBase)")
        for conflict in outcome.dropped {
            invocation.session.warn("kept the published value, dropping yours: \(conflict)")
        }
    }
}
