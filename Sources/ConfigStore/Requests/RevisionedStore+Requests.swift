import ConfigModel

/// Change requests (SPEC §12): listed, compared, approved into a revision, or rejected
/// back into their author's candidate; and the other candidates being edited, which
/// `status` lists beside them.
extension RevisionedStore {
    /// The requests still open, oldest first.
    public func openChangeRequests() throws -> [ChangeRequest] {
        try contents.openChangeRequests()
    }

    /// Request `id`, open or closed.
    public func changeRequest(_ id: Int) throws -> ChangeRequest {
        guard let request = try contents.changeRequest(id) else { throw RequestNotOpen(id: id, state: nil) }
        return request
    }

    public func otherCandidates(than user: String) throws -> [PendingCandidate] {
        try contents.pendingCandidates().filter { $0.user != user && !ChangeRequest.isReservedOwner($0.user) }
    }

    /// What approving request `id` now would change in the published configuration, within
    /// `scope`.
    public func changes(ofRequest id: Int, under scope: RecordKey) throws -> ChangeSet {
        _ = try openRequest(id)
        return try StoredCandidate(store: self, owner: ChangeRequest.owner(id)).changesAgainstPublished(under: scope)
    }

    /// Publishes request `id` as the next revision, by its author and approved by
    /// `approver`, merging like any publish (a conflict leaves it open). Never by one of its
    /// authors; the approver needs `publish`, the author the privileges for each change, as
    /// the configuration published now says. The edits must still be those submitted: their
    /// digest is computed again and compared.
    public func approve(_ id: Int, by approver: String, source: String) throws -> PublishOutcome {
        let request = try openRequest(id)
        guard request.author != approver else {
            throw AccessRefusal(
                user: approver, path: nil, needs: "an administrator other than its author to approve request \(id)",
                because: "\(approver) submitted it; reject it to withdraw it")
        }
        let candidate = try StoredCandidate(store: self, owner: ChangeRequest.owner(id))
        let digest = try candidate.netChanges().digest
        guard digest == request.digest else {
            throw StoreError.failed(
                path: location,
                reason:
                    "request \(id)'s changes no longer match the SHA-256 recorded when it was submitted (\(request.digest), now \(digest)); nothing published"
            )
        }
        var metadata = PublishMetadata(user: request.author, source: ChangeRequest.source(id), comment: request.comment, approver: approver)
        metadata.request = id
        metadata.approvedFrom = source
        return try candidate.publish(metadata)
    }

    /// Closes request `id` unpublished; its changes go back to its author's candidate the
    /// next time the author's candidate is opened (`collectReturnedRequests`), not now: a
    /// shell the author has open holds its candidate in memory, and would not see them, nor
    /// keep them when it publishes. Its author may reject it to withdraw it; anyone else
    /// needs `publish`. Returns how many of the request's records go back.
    @discardableResult
    public func reject(_ id: Int, by user: String, source: String) throws -> Int {
        let request = try openRequest(id)
        if user != request.author, let refusal = try permissions(of: user).refusal(toUse: "publish") { throw refusal }
        return try contents.write { transaction in
            try transaction.closeChangeRequest(id, as: .rejected(by: user))
            try transaction.appendAudit(
                AuditEvent(action: .reject, user: user, source: source, request: id, outcome: .rejected, digest: request.digest))
            return (try transaction.candidateEdits(of: ChangeRequest.owner(id), after: nil, limit: .max).count, commit: true)
        }
    }

    /// Moves the changes of `author`'s rejected requests into the author's persisted
    /// candidate, where they join the author's own edits (an edit the author made since, of
    /// the same record, is kept instead). One indexed read when there are none.
    func collectReturnedRequests(of author: String) throws {
        guard !ChangeRequest.isReservedOwner(author), !(try contents.returnedRequests(of: author)).isEmpty else { return }
        try contents.write { transaction in
            for request in try transaction.returnedRequests(of: author) {
                let owner = ChangeRequest.owner(request.id)
                var returned: [(key: RecordKey, edit: CandidateEdit?)] = []
                let authorsBase = try transaction.candidateBase(of: author)
                let authorsKeys = Set(try transaction.candidateEdits(of: author, after: nil, limit: .max).map(\.key))
                for (key, edit) in try transaction.candidateEdits(of: owner, after: nil, limit: .max) where !authorsKeys.contains(key) {
                    returned.append((key, edit))
                }
                // The older base of the two: each edit keeps the record it was based on, and a
                // base no newer than any of them makes the next publish merge every one.
                try transaction.saveCandidate(of: author, base: min(authorsBase ?? request.base, request.base), edits: returned)
                try transaction.deleteCandidate(of: owner)
            }
            return ((), commit: true)
        }
    }

    private func openRequest(_ id: Int) throws -> ChangeRequest {
        let request = try changeRequest(id)
        guard request.state == .open else { throw RequestNotOpen(id: id, state: request.state) }
        return request
    }
}

/// A request that does not exist or is closed: a mistake in the command (exit 1).
public struct RequestNotOpen: Error, Equatable, CustomStringConvertible {
    public let id: Int
    /// nil: there is no such request.
    public let state: ChangeRequest.State?

    public var description: String {
        switch state {
        case nil: "no change request \(id); show requests lists the open ones"
        case .approved(let revision, let approver)?: "request \(id) is closed: approved by \(approver) as revision \(revision)"
        case .rejected(let by)?: "request \(id) is closed: rejected by \(by)"
        case .open?: "request \(id) is open"
        }
    }
}
