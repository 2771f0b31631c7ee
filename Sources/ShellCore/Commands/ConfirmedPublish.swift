import ConfigStore

/// `publish confirmed DURATION` and `confirm` (SPEC §6): a publish that reverts itself
/// unless its administrator confirms it in time, as Junos's `commit confirmed`.
public enum ConfirmedPublish {
    static let commands: [CommandSpec] = [
        CommandSpec(
            command: .confirm, usage: "confirm", summary: "Keep what you published with publish confirmed", arguments: .none,
            details: [
                "Without it, a revision published with publish confirmed DURATION is reverted once DURATION has passed.",
                "Another publish of yours confirms too. After a revert that failed, confirm clears its report.",
            ], run: confirm)
    ]

    /// In `check`, a dry run, it changes nothing, as `publish` there publishes nothing.
    static func confirm(_ invocation: Invocation) throws {
        let session = invocation.session
        if session.mode == .check { return invocation.print("Check: nothing confirmed") }
        // Past the deadline the revert is due, whether or not it was done yet: too late.
        try reportOverdue(session)
        guard let confirmed = try session.store.confirm(as: session.options.user) else {
            throw CommandError("nothing to confirm: no publish of yours awaits confirmation", at: invocation.name)
        }
        invocation.data = json(confirmed)
        if let failure = confirmed.failure {
            invocation.print("Cleared the report of the failed revert of revision \(confirmed.revision) (\(failure))")
        } else {
            invocation.print("Revision \(confirmed.revision) confirmed")
        }
    }

    /// After a confirmed publish of `revision`: says when it reverts, and starts the timer
    /// that reverts it even once this shell has exited.
    static func arm(_ revision: Int, _ invocation: Invocation) throws -> JSONOut {
        let session = invocation.session
        let pending = try session.store.pendingConfirmations().first { $0.revision == revision }
        let deadline = pending.map { Viewing.timestamp($0.deadline) } ?? "?"
        invocation.print("Confirm by \(deadline), or revision \(revision) is reverted (confirm keeps it)")
        do {
            try session.options.startRevertTimer?(revision)
        } catch {
            session.warn("could not start the timer of the revert (\(error)); the first dashell command after \(deadline) reverts it")
        }
        return .string(deadline)
    }

    /// Publishes the reverts that are due and says so on the session's error stream: what
    /// an interactive session does before each command. Only a lost connection stops the
    /// command, to be handled as the command's own would be; anything else is a warning.
    public static func reportOverdue(_ session: Session) throws {
        do {
            for revert in try session.store.revertOverdue() { session.console.err(message(revert)) }
        } catch let error as StoreError {
            guard case .unreachable = error else { return session.warn("could not check for publishes left unconfirmed: \(error)") }
            throw error
        } catch {
            session.warn("could not check for publishes left unconfirmed: \(error)")
        }
    }

    /// What a revert did, in one line.
    public static func message(_ revert: AutoRevert) -> String {
        let confirmation = revert.confirmation
        let missed = "revision \(confirmation.revision) by \(confirmation.user) was not confirmed by \(Viewing.timestamp(confirmation.deadline))"
        switch revert.result {
        case .published(let revision, let count):
            return
                "\(missed): published revision \(revision) (\(PendingConfirmation.revertSource), \(count) change\(count == 1 ? "" : "s")), restoring revision \(confirmation.restores)"
        case .nothingToRevert:
            return "\(missed): later revisions have undone it already; nothing to revert"
        case .failed(let reason):
            return "\(missed), and its revert failed; nothing reverted: \(reason) (status shows it until \(confirmation.user) runs confirm)"
        }
    }

    /// `status` lines of the pending confirmations and failed reverts.
    static func statusLines(_ confirmations: [PendingConfirmation]) -> [String] {
        confirmations.map { confirmation in
            if let failure = confirmation.failure {
                return "revert failed    revision \(confirmation.revision) by \(confirmation.user) is still published: \(failure)"
            }
            return
                "confirm by       \(Viewing.timestamp(confirmation.deadline))  revision \(confirmation.revision) by \(confirmation.user), else reverted to revision \(confirmation.restores)"
        }
    }

    static func json(_ confirmation: PendingConfirmation) -> JSONOut {
        .object([
            ("revision", .number(confirmation.revision)), ("user", .string(confirmation.user)),
            ("deadline", .string(Viewing.timestamp(confirmation.deadline))), ("restores", .number(confirmation.restores)),
            ("failure", .optional(confirmation.failure)),
        ])
    }
}
