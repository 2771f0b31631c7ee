import ConfigModel
import ConfigStore
import PostgreSQLClient

/// The storage's writes, inside the transaction `PostgreSQLStorage.write` holds: each a call
/// of a server function (`WriteFunctions`), never a statement on a table.
extension PostgreSQLAccess: StorageTransaction {
    /// Rows sent per function call: a round trip per batch, and no message grows with the
    /// size of the change.
    static let batch = 10_000

    func beginRevision(_ revision: Int, metadata: PublishMetadata) throws {
        try requireFollowsHead(revision)
        guard metadata.source != PendingConfirmation.revertSource else {
            try connection.query("SELECT dashell.append_revert($1, $2, $3)", [revision, metadata.user, metadata.comment])
            return
        }
        try connection.query("SELECT dashell.append_revision($1, $2, $3, $4, 0)", [revision, metadata.user, metadata.source, metadata.comment])
    }

    func appendChanges(_ changes: ChangeSet, to revision: Int, references: ReferenceIndex) throws {
        for start in stride(from: 0, to: changes.changes.count, by: Self.batch) {
            let batch = changes.changes[start..<min(start + Self.batch, changes.changes.count)]
            try connection.query(
                "SELECT dashell.append_changes($1, $2, $3, $4)",
                [revision, TextArray(batch.map(\.key.encoded)), TextArray(batch.map { $0.old?.encoded }), TextArray(batch.map { $0.new?.encoded })])
            try replaceReferences(of: batch, in: revision, index: references)
        }
    }

    func finishRevision(_ revision: Int, size: Int) throws {
        try connection.query("SELECT dashell.finish_revision($1, $2)", [revision, size])
    }

    /// Keeps the reference index in step with the records of `changes` that may hold
    /// references: theirs are replaced by what their new content names.
    private func replaceReferences(of changes: ArraySlice<RecordChange>, in revision: Int, index: ReferenceIndex) throws {
        var sources: [String] = [], targets: [String] = [], referrers: [String] = [], leaves: [String] = []
        for change in changes where index.mayHoldReferences(change.key) {
            sources.append(change.key.encoded)
            for (target, leaf) in index.references(of: change.key, change.new) {
                targets.append(target.encoded)
                referrers.append(change.key.encoded)
                leaves.append(leaf)
            }
        }
        guard !sources.isEmpty else { return }
        try connection.query(
            "SELECT dashell.replace_references($1, $2, $3, $4, $5)",
            [revision, TextArray(sources), TextArray(targets), TextArray(referrers), TextArray(leaves)])
    }

    func saveCandidate(of user: String, base: Int, edits: [(key: RecordKey, edit: CandidateEdit?)]) throws {
        // At least one call, even with no edits: it stores the base.
        var start = 0
        repeat {
            let batch = edits[start..<min(start + Self.batch, edits.count)]
            let kept = batch.compactMap { key, edit in edit.map { (key, $0) } }
            try connection.query(
                "SELECT dashell.save_candidate($1, $2, $3, $4, $5, $6)",
                [
                    user, base, TextArray(kept.map(\.0.encoded)), TextArray(kept.map { $0.1.base?.encoded }), TextArray(kept.map { $0.1.new?.encoded }),
                    TextArray(batch.filter { $0.edit == nil }.map(\.key.encoded)),
                ])
            start += Self.batch
        } while start < edits.count
    }

    func replaceCandidate(of user: String, base: Int, edits: [RecordKey: CandidateEdit]) throws {
        try deleteCandidate(of: user)
        try saveCandidate(of: user, base: base, edits: edits.map { (key: $0.key, edit: Optional($0.value)) })
    }

    func deleteCandidate(of user: String) throws {
        try connection.query("SELECT dashell.delete_candidate($1)", [user])
    }

    /// The server refuses an author other than the role connected (see `RequestTable`).
    func openChangeRequest(_ request: NewChangeRequest) throws -> Int {
        let rows = try connection.query(
            "SELECT dashell.open_change_request($1, $2, $3, $4, $5)",
            [request.author, request.base, request.changeCount, request.comment, request.digest])
        return rows.first!.integer(0)!
    }

    func closeChangeRequest(_ id: Int, as state: ChangeRequest.State) throws {
        let (name, closer, revision) = state.stored
        try connection.query("SELECT dashell.close_change_request($1, $2, $3, $4)", [id, name, closer, revision])
    }

    /// The server numbers, times, signs (with the role it authenticated, not `event.user`)
    /// and chains the record (see `AuditSchema`). The head is locked first, as for a read,
    /// so that the wait for a publish in progress is bounded.
    func appendAudit(_ event: AuditEvent) throws {
        try reading()
        try connection.query(
            "SELECT dashell.append_audit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            [
                event.session.login, event.session.host, event.source, Int(event.session.began), event.action.rawValue, event.revision,
                event.request, event.outcome.rawValue, event.detail, event.digest,
            ])
    }
}
