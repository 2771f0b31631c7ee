import ConfigModel
import Foundation
import GRDB

/// Publishes a candidate's edits inside one IMMEDIATE transaction: merge with whatever was
/// published since the edits were based, validate the result, write the revision. Reads and
/// writes only the records of the change, their references and their referrers.
struct Publisher {
    let store: SQLiteStore
    let db: Database

    /// `edits`: each touched record as the candidate first saw it and as it is now;
    /// `base`: the revision the candidate was based on.
    /// `edits` come in the order they were made (see `EditLog`), each key once.
    /// Any outcome but `.published` may leave writes in the transaction: the caller rolls
    /// it back.
    func publish(_ edits: consuming [(key: RecordKey, base: Record?, new: Record?)], base: Int, metadata: PublishMetadata) throws -> PublishOutcome {
        let latest = try RecordTable.latestRevision(db)
        let (changed, conflicts) = try merge(edits, base: base, latest: latest)
        if !conflicts.isEmpty { return .conflict(conflicts) }
        if changed.isEmpty { return .nothingToPublish }

        let changes = ChangeSet(changed)
        // The change is written before it is validated, so that decoding it and checking V1,
        // which reads only the change, run on a second thread while SQLite writes. The other
        // rules then read the store itself, which holds the change by then: the
        // configuration being published (V9 compares with what was published through the
        // change itself). An error fails the publish, and the caller rolls the whole
        // transaction back.
        let validation = store.validator.begin(config: store.view(db, overlay: [:]), changes: changes)
        let revision = latest + 1, size = changes.size
        try write(changes, size: size, revision: revision, metadata: metadata)
        let violations = try validation.finish()
        if violations.contains(where: { $0.severity == .error }) { return .invalid(violations) }
        BackgroundRelease.release((consume edits, consume changed, consume changes, consume validation))
        return .published(revision: revision, changeCount: size, warnings: violations)
    }

    /// The record changes publishing `edits` would make now, and the conflicts that would
    /// stop it (sorted by path, each attributed to the revision it meets).
    func merge(_ edits: [(key: RecordKey, base: Record?, new: Record?)], base: Int, latest: Int) throws -> (changes: [RecordChange], conflicts: [MergeConflict]) {
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
            let current = try RecordTable.fetch(db, key)
            let result = ThreeWayMerge.merge(key, base: base, mine: new, theirs: current)
            conflicts += result.conflicts
            if result.record != current {
                merged[key] = .some(result.record)
                published[key] = .some(current)
                changed.append(RecordChange(key: key, old: current, new: result.record))
            }
        }
        // A candidate's own edits keep entries whole; only concurrent ones can orphan.
        conflicts += try orphans(merged, published: published)
        let attributed = try ConflictAttribution(db: db, schema: store.schema).attribute(conflicts, since: base)
        return (changed, attributed.sorted { $0.path < $1.path })
    }

    private func orphans(_ merged: [RecordKey: Record?], published: [RecordKey: Record?]) throws -> [MergeConflict] {
        var conflicts: [MergeConflict] = []
        let view = store.view(db, overlay: merged)
        for (key, record) in merged {
            if record == nil {
                try view.forEachRecord(under: key) { descendant, _ in
                    conflicts.append(MergeConflict(descendant, .addedThereInside(entry: key)))
                }
            } else if published[key]! == nil, let parent = try parentEntry(of: key), try view.record(parent) == nil {
                conflicts.append(MergeConflict(key, .addedHereInside(entry: parent)))
            }
        }
        return conflicts
    }

    /// The nearest enclosing list entry of a record, if it has one.
    private func parentEntry(of key: RecordKey) throws -> RecordKey? {
        guard let path = key.path(in: store.schema) else { return nil }
        let enclosing = path.steps.dropLast()
        guard let keyed = enclosing.lastIndex(where: { $0.key != nil }) else { return nil }
        return RecordKey(ConfigPath(Array(enclosing[...keyed])))
    }

    /// `size` is `changes.size`, counted once by the caller, which also reports it.
    private func write(_ changes: ChangeSet, size: Int, revision: Int, metadata: PublishMetadata) throws {
        try db.execute(sql: "INSERT INTO revision (id, user, time, source, comment, changes) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [revision, metadata.user, Date().timeIntervalSince1970, metadata.source, metadata.comment, size])
        let upsert = try TextStatement(db, sql: "INSERT OR REPLACE INTO record (key, leaves) VALUES (?, ?)")
        let remove = try TextStatement(db, sql: "DELETE FROM record WHERE key = ?")
        let log = try TextStatement(db, sql: "INSERT INTO change (revision, key, old, new) VALUES (?, ?, ?, ?)")
        for change in changes.changes {
            let new = change.new?.encoded
            if let new {
                try upsert.execute(change.key.encoded, new)
            } else {
                try remove.execute(change.key.encoded)
            }
            try log.execute(integer: revision, change.key.encoded, change.old?.encoded, new)
            if store.referenceIndex.mayHoldReferences(change.key) {
                try store.referenceIndex.update(db, key: change.key, old: change.old, new: change.new)
            }
        }
    }
}
