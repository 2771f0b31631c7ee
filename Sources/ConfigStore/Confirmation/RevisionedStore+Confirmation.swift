import ConfigModel

/// Confirmed publishes (SPEC §6): a publish that reverts itself unless confirmed in time.
/// The revert undoes only the unconfirmed revision's changes, merged three-way with whatever
/// was published since like any publish: others' later changes to other leaves stay, and a
/// later change to a leaf it would restore is a conflict, reported and never overwritten.
extension RevisionedStore {
    public func pendingConfirmations() throws -> [PendingConfirmation] {
        try contents.pendingConfirmations()
    }

    public func confirm(as user: String) throws -> PendingConfirmation? {
        try contents.write { transaction in
            let cleared = try transaction.clearConfirmation(of: user)
            return (cleared, commit: cleared != nil)
        }
    }

    public func revertOverdue() throws -> [AutoRevert] {
        var reverts: [AutoRevert] = []
        // Each attempt settles its confirmation (a failed one is no longer overdue), so that
        // the loop ends; one that another process settled first is simply gone.
        while try contents.overdueConfirmation() != nil, let revert = try revertFirstOverdue() {
            reverts.append(revert)
        }
        return reverts
    }

    /// Reverts the overdue confirmation with the soonest deadline, in one write transaction
    /// that finds it overdue again under the storage's lock: two processes that both saw it
    /// due revert it once. A revert that fails is rolled back whole, and its reason kept in a
    /// transaction of its own.
    private func revertFirstOverdue() throws -> AutoRevert? {
        let attempt: AutoRevert? = try contents.write { transaction in
            guard let due = try transaction.overdueConfirmation() else { return (nil, commit: false) }
            let revert = AutoRevert(confirmation: due, result: try publishRevert(of: due, in: transaction))
            if case .failed = revert.result { return (revert, commit: false) }
            try transaction.settleConfirmation(due, failure: nil)
            return (revert, commit: true)
        }
        guard let attempt, case .failed(let reason) = attempt.result else { return attempt }
        try contents.write { transaction in
            let due = attempt.confirmation
            let stillDue = try transaction.pendingConfirmations().contains { $0 == due }
            if stillDue { try transaction.settleConfirmation(due, failure: reason) }
            return ((), commit: stillDue)
        }
        return attempt
    }

    /// Publishes the inverse of the confirmation's revision as the next revision, recorded
    /// under the administrator who published it with source `auto-revert`. Nobody's
    /// privileges apply, nor any approval: it restores what was published before, and only
    /// that (the edits come from the change log, not from whoever triggers it).
    private func publishRevert(of due: PendingConfirmation, in transaction: any StorageTransaction) throws -> AutoRevert.Result {
        let publisher = Publisher(schema: schema, references: references, validator: validator, policy: UnrestrictedAccess(), windowSize: windowSize)
        let metadata = PublishMetadata(
            user: due.user, source: PendingConfirmation.revertSource, comment: "revision \(due.revision) not confirmed in time")
        let outcome = try publisher.publish(try inverse(of: due.revision, reads: transaction), base: due.revision, metadata: metadata, in: transaction)
        switch outcome {
        case .published(let revision, let changeCount, _):
            return .published(revision: revision, changeCount: changeCount)
        case .nothingToPublish:
            return .nothingToRevert
        case .conflict(let conflicts):
            return .failed(reason: "conflict with a newer revision: " + conflicts.map(\.description).joined(separator: "; "))
        case .invalid(let violations):
            let errors = violations.filter { $0.severity == .error }.map(\.description)
            return .failed(reason: "the restored configuration is invalid: " + errors.joined(separator: "; "))
        case .denied(let refusal):
            return .failed(reason: "\(refusal)")
        }
    }

    /// The edits that undo revision `revision`: each record it changed, from what it made
    /// of it back to what it was before.
    private func inverse(of revision: Int, reads: any StorageReads) throws -> [(key: RecordKey, base: Record?, new: Record?)] {
        var edits: [(key: RecordKey, base: Record?, new: Record?)] = []
        var after: RecordKey?
        while true {
            let window = try reads.changes(of: revision, after: after, limit: windowSize)
            edits += window.map { ($0.key, $0.new, $0.old) }
            guard window.count == windowSize, let last = window.last else { return edits }
            after = last.key
        }
    }
}

extension PublishMetadata {
    /// What a publish does to confirmations, in its own transaction: it confirms whatever its
    /// publisher published on condition before (as in Junos), and records its own condition.
    func settleConfirmations(publishing revision: Int, in transaction: any StorageTransaction) throws {
        _ = try transaction.clearConfirmation(of: user)
        if let confirmWithin {
            try transaction.recordConfirmation(of: revision, by: user, restores: revision - 1, within: confirmWithin)
        }
    }
}
