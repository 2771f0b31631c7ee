import ConfigModel

/// Publishes a candidate's edits inside one write transaction: merge with whatever was
/// published since the edits were based, validate the result, append the revision and its
/// audit record (so that a revision never goes without one). Reads and writes only the
/// records of the change, their references and their referrers.
struct Publisher {
    let schema: SchemaNode
    let references: ReferenceIndex
    let validator: Validator
    /// Who may publish what, as the published configuration says when the publish begins.
    let policy: any AccessPolicy
    /// Records per window of a change too large to hold at once (see `publish(inWindows:)`).
    let windowSize: Int

    /// `edits`: each touched record as the candidate first saw it and as it is now;
    /// `base`: the revision the candidate was based on.
    /// `edits` come in the order they were made (see `EditLog`), each key once.
    /// Any outcome but `.published` may leave writes in the transaction: the caller rolls
    /// it back.
    func publish(
        _ edits: consuming [(key: RecordKey, base: Record?, new: Record?)], base: Int, metadata: PublishMetadata,
        in transaction: any StorageTransaction
    ) throws -> PublishOutcome {
        let latest = try transaction.latestRevision()
        let (changed, conflicts) = try merge(edits, base: base, latest: latest, reads: transaction)
        if !conflicts.isEmpty { return .conflict(conflicts) }
        if changed.isEmpty { return .nothingToPublish }
        let permissions = try publishersPermissions(metadata, in: transaction)
        if let refusal = refusal(of: changed, by: permissions) { return .denied(refusal) }

        let changes = ChangeSet(changed)
        // The change is written before it is validated, so that decoding it and checking V1,
        // which reads only the change, run on a second thread while the storage writes. The
        // other rules then read the store itself, which holds the change by then: the
        // configuration being published (V9 compares with what was published through the
        // change itself). An error fails the publish, and the caller rolls the whole
        // transaction back.
        let validation = validator.begin(config: view(RecordTableOverlay.empty, over: transaction), changes: changes, publisher: metadata.user)
        let revision = latest + 1, size = changes.size
        try transaction.beginRevision(revision, metadata: metadata)
        try transaction.appendChanges(changes, to: revision, references: references)
        try transaction.finishRevision(revision, size: size)
        // Hashed while the second thread checks V1.
        let digest = changes.digest
        let violations = try validation.finish()
        if violations.contains(where: { $0.severity == .error }) { return .invalid(violations) }
        try transaction.appendAudit(.published(revision, metadata, digest: digest))
        BackgroundRelease.release((consume edits, consume changed, consume changes, consume validation))
        return .published(revision: revision, changeCount: size, warnings: violations)
    }

    /// Publishes edits too many to hold at once (a spilled candidate's), which
    /// `forEachWindow` hands over a window at a time in key order, reading through the
    /// transaction it is given; `candidate` is the candidate as a configuration over the
    /// same transaction. Each window is merged and appended in turn; once the whole change
    /// is in the store, it is read back a window at a time and validated. Memory holds one
    /// window, whatever the size of the change.
    func publish(
        inWindows forEachWindow: (any StorageReads, ([(key: RecordKey, base: Record?, new: Record?)]) throws -> Void) throws -> Void,
        candidate: (any StorageReads) -> any ConfigReader, base: Int, metadata: PublishMetadata,
        in transaction: any StorageTransaction
    ) throws -> PublishOutcome {
        let latest = try transaction.latestRevision(), revision = latest + 1
        var conflicts: [MergeConflict] = []
        var refusal: AccessRefusal?
        var size = 0, appended = 0
        var digest = ChangeSetDigest()
        let view = candidate(transaction)
        let permissions = try publishersPermissions(metadata, in: transaction)
        try transaction.beginRevision(revision, metadata: metadata)
        try forEachWindow(transaction) { window in
            let (changed, found) = try merge(window, base: base, latest: latest, reads: transaction, orphansIn: view)
            conflicts += found
            if refusal == nil, conflicts.isEmpty { refusal = self.refusal(of: changed, by: permissions) }
            // Past a conflict or a refusal the publish is lost; the windows after it are
            // only merged, to report every conflict at once.
            guard conflicts.isEmpty, refusal == nil, !changed.isEmpty else { return }
            let changes = ChangeSet(changed)
            size += changes.size
            appended += changes.changes.count
            digest.add(changes)
            try transaction.appendChanges(changes, to: revision, references: references)
        }
        if !conflicts.isEmpty { return .conflict(conflicts.sorted { $0.path < $1.path }) }
        if let refusal { return .denied(refusal) }
        if appended == 0 { return .nothingToPublish }
        try transaction.finishRevision(revision, size: size)
        let violations = try validateAppended(revision, publisher: metadata.user, in: transaction)
        if violations.contains(where: { $0.severity == .error }) { return .invalid(violations) }
        try transaction.appendAudit(.published(revision, metadata, digest: digest.finish()))
        return .published(revision: revision, changeCount: size, warnings: violations)
    }

    /// What the author of the changes and whoever publishes them (the author, or the
    /// approver of a change request) may do, as the configuration published before this
    /// publish says.
    private func publishersPermissions(_ metadata: PublishMetadata, in transaction: any StorageTransaction) throws -> PublishersPermissions {
        let published = view(RecordTableOverlay.empty, over: transaction)
        let author = try policy.permissions(of: metadata.user, in: published)
        return PublishersPermissions(author: author, publisher: try metadata.approver.map { try policy.permissions(of: $0, in: published) } ?? author)
    }

    /// The first reason to refuse the publish of `changed`: the publisher's privilege to
    /// publish at all, then the author's to make each change.
    private func refusal(of changed: [RecordChange], by permissions: PublishersPermissions) -> AccessRefusal? {
        if let refusal = permissions.publisher.refusal(toUse: "publish") { return refusal }
        let permissions = permissions.author
        guard !permissions.allowsEverything else { return nil }
        for change in changed {
            if let refusal = permissions.refusal(of: change, in: schema) { return refusal }
        }
        return nil
    }

    /// Validates revision `revision`, appended in `transaction`, a window of its changes at
    /// a time: the rules read the store, which holds the whole change.
    private func validateAppended(_ revision: Int, publisher: String, in transaction: any StorageTransaction) throws -> [Violation] {
        let config = view(RecordTableOverlay.empty, over: transaction)
        var violations = Set<Violation>()
        var after: RecordKey?
        while true {
            let window = try transaction.changes(of: revision, after: after, limit: windowSize)
            guard let last = window.last else { break }
            let changes = ChangeSet(window.map { RecordChange(key: $0.key, old: $0.old, new: $0.new) })
            violations.formUnion(try validator.validate(ValidationContext(config: config, changes: changes, publisher: publisher)))
            after = last.key
        }
        return violations.sorted(by: Violation.reportOrder)
    }

    /// The record changes publishing `edits` would make now, and the conflicts that would
    /// stop it (sorted by path, each attributed to the revision it meets). Entries left
    /// without their parent are found in `orphansIn` when given (the whole candidate, for
    /// edits that come in windows), else in the merge's own result.
    func merge(
        _ edits: [(key: RecordKey, base: Record?, new: Record?)], base: Int, latest: Int,
        reads: any StorageReads, orphansIn candidate: (any ConfigReader)? = nil
    ) throws -> (changes: [RecordChange], conflicts: [MergeConflict]) {
        var changed: [RecordChange] = []
        changed.reserveCapacity(edits.count)
        if latest == base {
            // Nothing was published since the base, so every record is still as first seen.
            for (key, base, new) in edits {
                changed.append(RecordChange(key: key, old: base, new: new))
            }
            return (changed, [])
        }
        var conflicts: [MergeConflict] = []
        var merged: [RecordKey: Record?] = [:], published: [RecordKey: Record?] = [:]
        for (key, base, new) in edits {
            let current = try reads.record(key)
            let result = ThreeWayMerge.merge(key, base: base, mine: new, theirs: current)
            conflicts += result.conflicts
            if result.record != current {
                merged[key] = .some(result.record)
                published[key] = .some(current)
                changed.append(RecordChange(key: key, old: current, new: result.record))
            }
        }
        // A candidate's own edits keep entries whole; only concurrent ones can orphan.
        conflicts += try orphans(merged, published: published, in: candidate ?? view(RecordTableOverlay(merged), over: reads))
        let attributed = try ConflictAttribution(reads: reads, schema: schema).attribute(conflicts, since: base)
        return (changed, attributed.sorted { $0.path < $1.path })
    }

    private func view(_ overlay: RecordTableOverlay, over reads: any StorageReads) -> OverlaidReader<RecordTableOverlay> {
        OverlaidReader(schema: schema, overlay: overlay, underlying: reads)
    }

    private func orphans(_ merged: [RecordKey: Record?], published: [RecordKey: Record?], in view: any ConfigReader) throws -> [MergeConflict] {
        var conflicts: [MergeConflict] = []
        for (key, record) in merged {
            if record == nil {
                try view.forEachRecord(under: key) { descendant, _ in
                    conflicts.append(MergeConflict(descendant, .addedThereInside(entry: key)))
                }
            } else if published[key]! == nil, let parent = parentEntry(of: key), try view.record(parent) == nil {
                conflicts.append(MergeConflict(key, .addedHereInside(entry: parent)))
            }
        }
        return conflicts
    }

    /// The nearest enclosing list entry of a record, if it has one.
    private func parentEntry(of key: RecordKey) -> RecordKey? {
        guard let path = key.path(in: schema) else { return nil }
        let enclosing = path.steps.dropLast()
        guard let keyed = enclosing.lastIndex(where: { $0.key != nil }) else { return nil }
        return RecordKey(ConfigPath(Array(enclosing[...keyed])))
    }
}

/// Who a publish answers to: the author of its changes, and who publishes them.
private struct PublishersPermissions {
    let author: any Permissions
    let publisher: any Permissions
}
