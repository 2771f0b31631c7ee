import ConfigModel

/// A candidate over the published records: each touched record as first seen (`base`) and
/// as edited (`new`). A user's candidate is mirrored in the storage after every command; a
/// scratch candidate (scripts) lives in memory only.
///
/// Past `RevisionedStore.spillThreshold` records, the edits are spilled to the storage (see
/// `SpillArea`) and memory holds only those made since; everything that reads the whole
/// candidate (compare, validate, publish) then reads it back in windows in key order, so
/// that a million users cost what a window costs.
final class StoredCandidate: Candidate {
    typealias Edit = EditLog.Edit

    let store: RevisionedStore
    private var storage: any Storage { store.contents }
    /// The user whose persisted candidate this is; nil for a scratch candidate.
    let owner: String?
    private(set) var baseRevision: Int
    /// The edits in memory: all of them, or those made since the last spill.
    private var edits: EditLog
    /// Where the edits went once they outgrew memory; nil until they did.
    private var spill: SpillArea?
    /// Keys known to have no spilled edit, learnt from lookups since the spill last changed.
    private var unspilled = AbsentKeys()
    /// The edit of each record the current command changed, as it was before the command:
    /// what `revertCommand` restores, last first. A list, not a table, so that a `set` costs
    /// no hashing for it: the edits themselves say which the command already changed (a key
    /// comes twice only if the command dropped its edit and made one again).
    private var undo: [(key: RecordKey, edit: Edit?)] = []
    /// Numbers the commands, to tell which edits the current one made.
    private var command = 0
    /// The published records this command has read, as it read them. Whatever a command
    /// reads of a record and whatever it then records as that record's base come from the
    /// same read, even when the store changes in between (a script's reads share a snapshot
    /// that is renewed as the script goes on): otherwise an edit built on one version and
    /// based on a newer one would overwrite the newer one's change at publish without a
    /// conflict.
    private var seen: [RecordKey: Record?] = [:]
    /// The last change set worked out, with what it was worked out from: `check` validates
    /// at its `publish` and then prints the same change set, 100,000 records for a bulk one.
    private var lastChanges: (version: Int, latest: Int, scope: RecordKey, changes: ChangeSet)?
    /// Keys a script's candidate knows to be unpublished, from the point reads of one read
    /// epoch (`absentEpoch`, see `Storage.pointRead`): once anything else reads the store,
    /// what it shows is newer, and the point reads must not contradict it. A user's
    /// candidate, which may wait at a prompt for hours, reads each record afresh.
    private var absent = AbsentKeys()
    private var absentEpoch = -1

    var schema: SchemaNode { store.schema }

    var permissions: (any Permissions)?

    private var publisher: Publisher {
        Publisher(schema: schema, references: store.references, validator: store.validator, policy: store.policy, windowSize: store.windowSize)
    }

    init(store: RevisionedStore, owner: String?) throws {
        self.store = store
        self.owner = owner
        edits = EditLog()
        var firstPage: [(key: RecordKey, edit: Edit)] = []
        baseRevision = try store.contents.snapshot { reads in
            let latest = try reads.latestRevision()
            guard let owner, let base = try reads.candidateBase(of: owner) else { return latest }
            firstPage = try reads.candidateEdits(of: owner, after: nil, limit: store.windowSize)
            // Edits set back to what they were based on leave the base behind: an empty
            // candidate follows the latest revision (see `followLatestIfEmpty`).
            return firstPage.isEmpty ? latest : base
        }
        if let owner, !firstPage.isEmpty { try load(owner, from: firstPage) }
    }

    /// Reads `owner`'s persisted edits a page at a time from `firstPage` on, spilling them as
    /// they pass the threshold: a candidate of a million users opens in bounded memory. Only
    /// `owner`'s own sessions write these rows, so the pages after the first need not share
    /// its read.
    private func load(_ owner: String, from firstPage: [(key: RecordKey, edit: Edit)]) throws {
        var page = firstPage
        while let last = page.last {
            for (key, edit) in page { edits.set(key, edit, command: -1) }
            try spillIfLarge()
            guard page.count == store.windowSize else { return }
            page = try storage.candidateEdits(of: owner, after: last.key, limit: store.windowSize)
        }
    }

    // MARK: Reading

    /// The candidate as a configuration: its edits over the published records.
    private func view() throws -> OverlaidReader<CandidateOverlay> {
        if let spill {
            try spillEdits()
            return spilledView(spill, over: storage)
        }
        edits.sortKeys()
        return OverlaidReader(schema: schema, overlay: .memory(edits), underlying: storage)
    }

    /// A spilled candidate as a configuration, read through `reads`.
    private func spilledView(_ spill: SpillArea, over reads: any StorageReads) -> OverlaidReader<CandidateOverlay> {
        OverlaidReader(schema: schema, overlay: .spilled(spill, reads: reads), underlying: reads)
    }

    /// The edit of `key`, from memory or else from the spill; nil when there is none.
    private func edit(of key: RecordKey) throws -> Edit? {
        try edit(of: key, from: edits.lookup(key))
    }

    /// The edit of `key` as `lookup` of the log says, asking the spill when it does not know.
    private func edit(of key: RecordKey, from lookup: EditLog.Lookup) throws -> Edit? {
        switch lookup {
        case .edited(let edit): edit
        case .unedited: nil
        case .unknown: try spilledEdit(of: key)
        }
    }

    private func spilledEdit(of key: RecordKey) throws -> Edit? {
        guard let spill, !unspilled.contains(key) else { return nil }
        let found = try storage.spilledEdits(in: spill, after: key.encoded, inclusive: true, below: CandidateOverlay.end, limit: 1).first
        if let found, found.key == key { return found.edit }
        // Nothing spilled lies between `key` and the next spilled key either: an import of
        // new users asks about each in turn, and then asks the spill once per stretch.
        unspilled.insert(from: key, upTo: found?.key)
        return nil
    }

    func record(_ key: RecordKey) throws -> Record? {
        if let edit = try edit(of: key) { return edit.new }
        if let read = seen[key] { return read }
        let record = try readPublished(key)
        seen[key] = .some(record)
        return record
    }

    func forEachRecord(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) throws {
        try view().forEachRecord(under: ancestor, body)
    }

    func referrers(of target: RecordKey) throws -> [Referrer] {
        try view().referrers(of: target)
    }

    func forEachEntry(of list: ConfigPath, startingWith prefix: String, _ body: (String, Record) throws -> Bool) throws {
        try view().forEachEntry(of: list, startingWith: prefix, body)
    }

    func forEachEntry(
        of list: ConfigPath, startingWith prefix: String, possiblyContaining word: String, _ body: (String, Record) throws -> Bool
    ) throws {
        try view().forEachEntry(of: list, startingWith: prefix, possiblyContaining: word, body)
    }

    func entryKeys(of list: ConfigPath, startingWith prefix: String, limit: Int) throws -> [String] {
        try view().entryKeys(of: list, startingWith: prefix, limit: limit)
    }

    func countEntries(of list: ConfigPath, startingWith prefix: String, cap: Int) throws -> Int {
        try view().countEntries(of: list, startingWith: prefix, cap: cap)
    }

    /// A record as published, for a record the candidate has not edited yet. A script's
    /// candidate (no owner) reads through the storage's point reads, which may share one
    /// read between calls; a user's candidate, which can sit at a prompt for hours, reads
    /// each afresh.
    private func readPublished(_ key: RecordKey) throws -> Record? {
        if owner == nil {
            if absentEpoch == storage.readEpoch, absent.contains(key) { return nil }
            let read = try storage.pointRead(key)
            if read.epoch != absentEpoch {
                absent.removeAll()
                absentEpoch = read.epoch
            }
            if read.record == nil { absent.insert(from: key, upTo: read.next) }
            return read.record
        }
        return try storage.record(key)
    }

    // MARK: Editing

    func putRecord(_ key: RecordKey, _ record: Record?) throws {
        let (lookup, setByCommand) = edits.lookup(key, command: command)
        let existing = try edit(of: key, from: lookup)
        if !setByCommand { undo.append((key, existing)) }
        let base: Record?
        if let existing {
            base = existing.base
        } else if let read = seen[key] {
            base = read
        } else {
            base = try readPublished(key)
            seen[key] = .some(base)
        }
        edits.set(key, record == base ? nil : Edit(base: base, new: record), command: command)
    }

    /// On failure (a refused edit, the spill or the save failing) what the command may undo
    /// is kept, for `revertCommand` to undo.
    func commitCommand() throws {
        let touched = Set(undo.map(\.key))
        if isRestricted { try checkPermissions(try touched.map { ($0, try edit(of: $0)) }) }
        // Spilled first: should the spill fail, the command fails whole and is reverted.
        try spillIfLarge()
        if let owner, !undo.isEmpty {
            let saved = try touched.map { (key: $0, edit: try edit(of: $0)) }
            try storage.write { transaction in
                try transaction.saveCandidate(of: owner, base: self.baseRevision, edits: saved)
                return ((), commit: true)
            }
        }
        // Small tables stay allocated, since a script commits after each of its commands;
        // a large one (after a `load`) is let go, or every later command would clear it.
        // `removeLast` keeps the capacity more cheaply than `removeAll(keepingCapacity:)`.
        if undo.count > 64 { undo = [] } else { while !undo.isEmpty { undo.removeLast() } }
        if seen.count > 64 { seen = [:] } else if !seen.isEmpty { seen.removeAll(keepingCapacity: true) }
        command += 1
    }

    /// Whether `permissions` may refuse an edit, so that edits must be shown to them.
    private var isRestricted: Bool { permissions.map { !$0.allowsEverything } ?? false }

    /// Refuses edits that `permissions` do not allow, each as the change it would publish.
    private func checkPermissions(_ edits: some Sequence<(RecordKey, Edit?)>) throws {
        guard let permissions, !permissions.allowsEverything else { return }
        for (key, edit) in edits {
            guard let edit else { continue }
            let change = RecordChange(key: key, old: edit.base, new: edit.new)
            if let refusal = permissions.refusal(of: change, in: schema) { throw refusal }
        }
    }

    func revertCommand() {
        for (key, edit) in undo.reversed() { edits.set(key, edit, command: -1) }
        undo = []
        seen = [:]
        command += 1
    }

    // MARK: Spilling

    /// Spills the edits in memory once they are past the threshold.
    private func spillIfLarge() throws {
        if edits.count >= store.spillThreshold { try spillEdits() }
    }

    /// Moves the edits in memory to the spill, making one first if need be. Edits a command
    /// made may go too: what it may undo is in `undo`, and restored over the spill.
    private func spillEdits() throws {
        guard !edits.isEmpty || spill == nil else { return }
        let area = try spill ?? storage.makeSpillArea()
        spill = area
        try storage.spill(edits.sorted(), into: area)
        edits = EditLog(masksSpill: true)
        unspilled.removeAll()
        lastChanges = nil
    }

    /// Forgets the spill, once its edits are published or replaced.
    private func dropSpill() throws {
        guard let spill else { return }
        self.spill = nil
        unspilled.removeAll()
        try storage.dropSpillArea(spill)
    }

    /// The spilled edits under `scope`, a window at a time in key order, read through `reads`.
    private func forEachSpilledWindow(
        _ spill: SpillArea, under scope: RecordKey, reads: any StorageReads,
        _ body: ([(key: RecordKey, base: Record?, new: Record?)]) throws -> Void
    ) throws {
        var lower = scope.encoded, inclusive = true
        while true {
            let page = try reads.spilledEdits(in: spill, after: lower, inclusive: inclusive, below: scope.descendantsUpperBound, limit: store.windowSize)
            guard let last = page.last else { return }
            try body(page.compactMap { key, edit in key == scope || key.isDescendant(of: scope) ? (key, edit.base, edit.new) : nil })
            guard page.count == store.windowSize else { return }
            lower = last.key.encoded
            inclusive = false
        }
    }

    /// A spilled candidate's changes against the published configuration under `scope`, a
    /// window at a time, read through `reads`.
    private func forEachSpilledChange(
        _ spill: SpillArea, under scope: RecordKey, reads: any StorageReads, _ body: (ChangeSet) throws -> Void
    ) throws {
        // While nothing was published since the base, each record is published as the
        // candidate first saw it.
        let baseIsCurrent = try reads.latestRevision() == baseRevision
        try forEachSpilledWindow(spill, under: scope, reads: reads) { window in
            let changes = try window.compactMap { key, base, new in
                let published = baseIsCurrent ? base : try reads.record(key)
                return published == new ? nil : RecordChange(key: key, old: published, new: new)
            }
            if !changes.isEmpty { try body(ChangeSet(changes)) }
        }
    }

    // MARK: Status and comparison

    func status() throws -> CandidateStatus {
        let latest = try store.latestRevision()
        followLatestIfEmpty(latest)
        var pending = 0
        if let spill {
            try spillEdits()
            try forEachSpilledWindow(spill, under: RecordKey(.root), reads: storage) { window in
                pending += window.reduce(0) { $0 + RecordChange(key: $1.key, old: $1.base, new: $1.new).size }
            }
        } else {
            pending = edits.ordered.reduce(0) { $0 + RecordChange(key: $1.key, old: $1.edit.base, new: $1.edit.new).size }
        }
        return CandidateStatus(baseRevision: baseRevision, latestRevision: latest, pendingChanges: pending)
    }

    /// An empty candidate has nothing a newer revision could conflict with, so it follows
    /// the latest revision and is never stale (SPEC §6). Only while the current command has
    /// read nothing either: what it read may yet become an edit's base, and no edit may be
    /// based on anything older than the candidate, or a publish would take it as current
    /// and overwrite what was published since.
    private func followLatestIfEmpty(_ latest: Int) {
        if spill == nil, edits.isEmpty, seen.isEmpty { baseRevision = latest }
    }

    func forEachChangeWindow(under scope: RecordKey, _ body: (ChangeSet) throws -> Void) throws {
        guard let spill else {
            let changes = try changesAgainstPublished(under: scope)
            if !changes.isEmpty { try body(changes) }
            return
        }
        try spillEdits()
        try storage.snapshot { reads in try forEachSpilledChange(spill, under: scope, reads: reads, body) }
    }

    func changesAgainstPublished(under scope: RecordKey) throws -> ChangeSet {
        if spill != nil {
            var changes: [RecordChange] = []
            try forEachChangeWindow(under: scope) { changes += $0.changes }
            return ChangeSet(changes)
        }
        return try storage.snapshot { reads in
            let latest = try reads.latestRevision()
            if let last = lastChanges, last.version == edits.version, last.latest == latest, last.scope == scope { return last.changes }
            // While nothing was published since the base, each record is published as the
            // candidate first saw it: no need to read it again (a bulk check has 100,000).
            let baseIsCurrent = latest == baseRevision
            let changes = ChangeSet(
                try edits.ordered.compactMap { key, edit in
                    guard key == scope || key.isDescendant(of: scope) else { return nil }
                    let published = baseIsCurrent ? edit.base : try reads.record(key)
                    return published == edit.new ? nil : RecordChange(key: key, old: published, new: edit.new)
                })
            lastChanges = (edits.version, latest, scope, changes)
            return changes
        }
    }

    func validate(as publisher: String) throws -> [Violation] {
        guard let spill else {
            let changes = try changesAgainstPublished(under: RecordKey(.root))
            return try store.validator.validate(ValidationContext(config: view(), changes: changes, publisher: publisher))
        }
        // A window at a time: each rule checks what a window changed, reading the whole
        // candidate; what a rule reports of a record outside its window, it reports once.
        try spillEdits()
        return try storage.snapshot { reads in
            let config = spilledView(spill, over: reads)
            var violations = Set<Violation>()
            try forEachSpilledChange(spill, under: RecordKey(.root), reads: reads) { window in
                violations.formUnion(try store.validator.validate(ValidationContext(config: config, changes: window, publisher: publisher)))
            }
            return violations.sorted(by: Violation.reportOrder)
        }
    }

    func conflicts() throws -> [MergeConflict] {
        if spill != nil { try spillEdits() }
        return try storage.snapshot { reads in
            let latest = try reads.latestRevision()
            guard latest != baseRevision else { return [] }
            if let spill {
                let view = spilledView(spill, over: reads)
                var conflicts: [MergeConflict] = []
                try forEachSpilledWindow(spill, under: RecordKey(.root), reads: reads) { window in
                    conflicts += try publisher.merge(window, base: baseRevision, latest: latest, reads: reads, orphansIn: view).conflicts
                }
                return conflicts.sorted { $0.path < $1.path }
            }
            let pending = edits.ordered.map { ($0.key, $0.edit.base, $0.edit.new) }
            return try publisher.merge(pending, base: baseRevision, latest: latest, reads: reads).conflicts
        }
    }

    // MARK: Transactions

    /// Publishes; for a change request's candidate (`metadata.request`, approved by
    /// `metadata.approver`), closes the request in the same transaction.
    func publish(_ metadata: PublishMetadata) throws -> PublishOutcome {
        if spill != nil { try spillEdits() }
        let spill = spill
        let outcome: PublishOutcome = try storage.write { transaction in
            let outcome =
                if let spill {
                    try publisher.publish(
                        inWindows: { reads, body in try forEachSpilledWindow(spill, under: RecordKey(.root), reads: reads, body) },
                        candidate: { reads in spilledView(spill, over: reads) }, base: baseRevision, metadata: metadata, in: transaction)
                } else {
                    try publisher.publish(
                        edits.ordered.map { ($0.key, $0.edit.base, $0.edit.new) }, base: baseRevision,
                        metadata: metadata, in: transaction)
                }
            if case .published(let revision, _, _) = outcome {
                if let owner { try transaction.deleteCandidate(of: owner) }
                if let request = metadata.request, let approver = metadata.approver {
                    try transaction.closeChangeRequest(request, as: .approved(revision: revision, by: approver))
                }
                try metadata.settleConfirmations(publishing: revision, in: transaction)
            }
            return (outcome, commit: outcome.isPublished)
        }
        switch outcome {
        case .published(let revision, _, _):
            forgetEdits(base: revision)
        case .nothingToPublish:
            try replaceEdits([:], base: store.latestRevision())
        case .invalid, .conflict, .denied:
            break
        }
        return outcome
    }

    /// Empties the candidate once its edits went into the store as a revision or a request.
    private func forgetEdits(base: Int) {
        var handedOver = EditLog()
        swap(&handedOver, &edits)
        BackgroundRelease.release(consume handedOver)
        try? dropSpill()
        absent.removeAll()
        lastChanges = nil
        baseRevision = base
        // What is published cannot be undone, and what was read before is now old: a
        // command that goes on after its publish (a sourced file's) starts afresh.
        undo = []
        seen = [:]
    }

    func submit(_ metadata: PublishMetadata) throws -> SubmitOutcome {
        let violations = try validate(as: metadata.user)
        if violations.contains(where: { $0.severity == .error }) { return .invalid(violations) }
        let changes = try netChanges()
        guard changes.size > 0 else {
            try discard()
            return .nothingToSubmit
        }
        let request = NewChangeRequest(
            author: metadata.user, base: baseRevision, changeCount: changes.size, comment: metadata.comment, digest: changes.digest)
        let base = baseRevision
        let edits = changes.changes.map { (key: $0.key, edit: Optional(CandidateEdit(base: $0.old, new: $0.new))) }
        let id = try storage.write { transaction in
            let id = try transaction.openChangeRequest(request)
            try transaction.saveCandidate(of: ChangeRequest.owner(id), base: base, edits: edits)
            try transaction.appendAudit(
                AuditEvent(
                    action: .submit, user: metadata.user, source: metadata.source, request: id, outcome: .submitted, detail: metadata.comment,
                    digest: request.digest))
            if let owner { try transaction.deleteCandidate(of: owner) }
            return (id, commit: true)
        }
        forgetEdits(base: try store.latestRevision())
        return .submitted(try storage.changeRequest(id)!, warnings: violations)
    }

    /// The edits that change something, each as the change from the record first seen to
    /// the record made, in key order: what a change request freezes and its digest covers.
    func netChanges() throws -> ChangeSet {
        ChangeSet(try allEdits().filter { $0.edit.base != $0.edit.new }.map { RecordChange(key: $0.key, old: $0.edit.base, new: $0.edit.new) })
    }

    /// Every edit, from memory or the spill: for what rebuilds the whole candidate anyway.
    private func allEdits() throws -> [(key: RecordKey, edit: Edit)] {
        guard let spill else { return edits.ordered }
        try spillEdits()
        var all: [(key: RecordKey, edit: Edit)] = []
        try forEachSpilledWindow(spill, under: RecordKey(.root), reads: storage) { window in
            all += window.map { ($0.key, Edit(base: $0.base, new: $0.new)) }
        }
        return all
    }

    func update() throws -> UpdateOutcome {
        let all = try allEdits()
        let (latest, rebased, dropped) = try storage.snapshot { reads in
            var rebased: [RecordKey: Edit] = [:], dropped: [MergeConflict] = []
            for (key, edit) in all {
                let published = try reads.record(key)
                let merged = ThreeWayMerge.merge(key, base: edit.base, mine: edit.new, theirs: published)
                dropped += merged.conflicts
                if merged.record != published { rebased[key] = Edit(base: published, new: merged.record) }
            }
            let attributed = try ConflictAttribution(reads: reads, schema: schema).attribute(dropped, since: baseRevision)
            return (try reads.latestRevision(), rebased, attributed)
        }
        try replaceEdits(rebased, base: latest)
        return UpdateOutcome(newBase: latest, dropped: dropped.sorted { $0.path < $1.path })
    }

    func discard() throws {
        try replaceEdits([:], base: store.latestRevision())
    }

    func rollback(to revision: Int) throws {
        let latest = try store.latestRevision()
        guard (0...latest).contains(revision) else { throw NoSuchRevision(revision: revision, latest: latest) }
        let target = try store.recordsAt(revision)
        let restored = try storage.snapshot { reads in
            var restored: [RecordKey: Edit] = [:]
            for (key, record) in target {
                let published = try reads.record(key)
                if published != record { restored[key] = Edit(base: published, new: record) }
            }
            return restored
        }
        try replaceEdits(restored, base: latest)
    }

    /// Replaces every edit at once and persists the result.
    /// The candidate in memory changes only once the stored one has: a failed `update`,
    /// `rollback` or `discard` (the store busy past the timeout, a full disk) leaves both as
    /// they were.
    private func replaceEdits(_ newEdits: [RecordKey: Edit], base: Int) throws {
        try checkPermissions(newEdits.lazy.map { ($0.key, $0.value) })
        if let owner {
            try storage.write { transaction in
                try transaction.replaceCandidate(of: owner, base: base, edits: newEdits)
                return ((), commit: true)
            }
        }
        try? dropSpill()
        edits = EditLog(newEdits)
        absent.removeAll()
        lastChanges = nil
        baseRevision = base
        undo = []
        seen = [:]
        try spillIfLarge()
    }
}

extension PublishOutcome {
    var isPublished: Bool { if case .published = self { true } else { false } }
}
