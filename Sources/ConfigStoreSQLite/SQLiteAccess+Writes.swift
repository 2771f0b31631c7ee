import ConfigModel
import ConfigStore
import Foundation
import GRDB

/// The storage's writes, inside the IMMEDIATE transaction `SQLiteStorage.write` holds.
extension SQLiteAccess: StorageTransaction {
    func beginRevision(_ revision: Int, metadata: PublishMetadata) throws {
        try requireFollowsHead(revision)
        try db.execute(
            sql: "INSERT INTO revision (id, user, time, source, comment, changes) VALUES (?, ?, ?, ?, ?, 0)",
            arguments: [revision, metadata.user, Date().timeIntervalSince1970, metadata.source, metadata.comment])
    }

    func finishRevision(_ revision: Int, size: Int) throws {
        try requireIsHead(revision)
        try db.execute(sql: "UPDATE revision SET changes = ? WHERE id = ?", arguments: [size, revision])
    }

    func appendChanges(_ changes: ChangeSet, to revision: Int, references: ReferenceIndex) throws {
        try requireIsHead(revision)
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
            if references.mayHoldReferences(change.key) {
                try updateReferences(of: change.key, old: change.old, new: change.new, index: references)
            }
        }
    }

    /// Keeps the `reference` table in step with one record's change.
    private func updateReferences(of key: RecordKey, old: Record?, new: Record?, index: ReferenceIndex) throws {
        let before = index.references(of: key, old), after = index.references(of: key, new)
        for (target, leaf) in before where !after.contains(where: { $0 == (target, leaf) }) {
            try db.execute(sql: "DELETE FROM reference WHERE target = ? AND source = ? AND leaf = ?", arguments: [target.encoded, key.encoded, leaf])
        }
        for (target, leaf) in after where !before.contains(where: { $0 == (target, leaf) }) {
            try db.execute(sql: "INSERT OR IGNORE INTO reference (target, source, leaf) VALUES (?, ?, ?)", arguments: [target.encoded, key.encoded, leaf])
        }
    }

    func saveCandidate(of user: String, base: Int, edits: [(key: RecordKey, edit: CandidateEdit?)]) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO candidate (user, base, edited) VALUES (?, ?, ?)", arguments: [user, base, Date().timeIntervalSince1970])
        for (key, edit) in edits {
            if let edit {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO candidate_record (user, key, base, new) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [user, key.encoded, edit.base?.encoded, edit.new?.encoded])
            } else {
                try db.cachedStatement(sql: "DELETE FROM candidate_record WHERE user = ? AND key = ?").execute(arguments: [user, key.encoded])
            }
        }
    }

    func replaceCandidate(of user: String, base: Int, edits: [RecordKey: CandidateEdit]) throws {
        try db.execute(sql: "DELETE FROM candidate_record WHERE user = ?", arguments: [user])
        try saveCandidate(of: user, base: base, edits: edits.map { (key: $0.key, edit: Optional($0.value)) })
    }

    func deleteCandidate(of user: String) throws {
        try db.execute(sql: "DELETE FROM candidate_record WHERE user = ?", arguments: [user])
        try db.execute(sql: "DELETE FROM candidate WHERE user = ?", arguments: [user])
    }

    func openChangeRequest(_ request: NewChangeRequest) throws -> Int {
        try db.execute(
            sql: "INSERT INTO change_request (author, time, base, changes, comment, digest, state) VALUES (?, ?, ?, ?, ?, ?, 'open')",
            arguments: [request.author, Date().timeIntervalSince1970, request.base, request.changeCount, request.comment, request.digest])
        return Int(db.lastInsertedRowID)
    }

    func closeChangeRequest(_ id: Int, as state: ChangeRequest.State) throws {
        let (name, closedBy, revision) = state.stored
        try db.execute(
            sql: "UPDATE change_request SET state = ?, closed_by = ?, revision = ? WHERE id = ? AND state = 'open'",
            arguments: [name, closedBy, revision, id])
        precondition(db.changesCount == 1, "request \(id) is not open")
    }

    func appendAudit(_ event: AuditEvent) throws {
        try AuditTable.append(db, event)
    }
}
