import ConfigModel
import GRDB

/// Completes the conflicts a merge found before the user sees them: the revision that made
/// the published side what it is and who published it, read from the change log, and
/// secret values masked, since a conflict message is shown and logged like any output.
struct ConflictAttribution {
    let db: Database
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
        let rows = try Row.fetchCursor(db, sql: """
            SELECT change.key, change.revision, revision.user, change.old, change.new
            FROM change JOIN revision ON revision.id = change.revision
            WHERE change.revision > ? ORDER BY change.revision DESC
            """, arguments: [base])
        while found.count < targets, let row = try rows.next() {
            guard let pending = wanted[RecordKey(encoded: row[0])] else { continue }
            let old: String? = row[3], new: String? = row[4]
            let change = (old: old.map(Record.init(encoded:)), new: new.map(Record.init(encoded:)))
            for target in pending where found[target] == nil && target.isMade(by: change) {
                found[target] = MergeConflict.Publication(revision: row[1], user: row[2])
            }
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
