import ConfigModel

/// Completes the conflicts a merge found before the user sees them: the revision that made
/// the published side what it is and who published it, read from the change log, and
/// secret values masked, since a conflict message is shown and logged like any output.
struct ConflictAttribution {
    let reads: any StorageReads
    let schema: SchemaNode

    /// `base`: the revision the edits were based on. Only a later revision can have made a
    /// conflict, so the change log is read from there, newest first, and no further than
    /// the oldest revision still needed.
    func attribute(_ conflicts: [MergeConflict], since base: Int) throws -> [MergeConflict] {
        guard !conflicts.isEmpty else { return conflicts }
        var wanted: [RecordKey: [Target]] = [:]
        for conflict in conflicts {
            let target = Target(conflict)
            wanted[target.key, default: []].append(target)
        }
        var found: [Target: MergeConflict.Publication] = [:]
        let targets = Set(wanted.values.joined()).count
        let since = try reads.revisions(limit: try reads.latestRevision() - base)
        let users = Dictionary(since.map { ($0.id, $0.user) }, uniquingKeysWith: { first, _ in first })
        try reads.forEachChange(after: base, upTo: nil, under: nil, newestFirst: true) { change in
            guard let pending = wanted[change.key] else { return true }
            for target in pending where found[target] == nil && target.isMade(by: (change.old, change.new)) {
                found[target] = MergeConflict.Publication(revision: change.revision, user: users[change.revision] ?? "")
            }
            return found.count < targets
        }
        return conflicts.map { conflict in
            MergeConflict(conflict.key, leaf: conflict.leaf, masked(conflict), publication: found[Target(conflict)])
        }
    }

    /// The record (and leaf) whose last change published the other side of a conflict.
    private struct Target: Hashable {
        let key: RecordKey
        /// Nil: any change to the record made it (an entry added or deleted).
        let leaf: String?

        init(_ conflict: MergeConflict) {
            switch conflict.kind {
            case .addedHereInside(let entry): (key, leaf) = (entry, nil)
            default: (key, leaf) = (conflict.key, conflict.leaf)
            }
        }

        func isMade(by change: (old: Record?, new: Record?)) -> Bool {
            guard let leaf else { return true }
            return change.old?[leaf] != change.new?[leaf]
        }
    }

    private func masked(_ conflict: MergeConflict) -> MergeConflict.Kind {
        guard case .leaf(let yours, let published) = conflict.kind, let leaf = conflict.leaf, isSecret(leaf, of: conflict.key) else {
            return conflict.kind
        }
        return .leaf(yours: yours.map { _ in SecretMask.text }, published: published.map { _ in SecretMask.text })
    }

    private func isSecret(_ leaf: String, of key: RecordKey) -> Bool {
        guard let record = key.path(in: schema) else { return false }
        let path = ConfigPath(record.steps + leaf.split(separator: " ").map { ConfigPath.Step(String($0)) })
        return schema.node(at: path)?.leafSpec?.type.isSecret == true
    }
}
