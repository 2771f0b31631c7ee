/// The records a change touches, decoded once for all rules.
public struct ChangeScope {
    /// Records the change creates or modifies, as they would be published.
    var present: [RecordView] = []
    /// Records the change creates or modifies whose keys the schema does not know.
    var unknown: [(key: RecordKey, record: Record)] = []
    /// Records the change modifies, with their published state.
    public private(set) var modified: [(view: RecordView, old: Record)] = []
    /// Records the change deletes, as they were published.
    public private(set) var deleted: [RecordView] = []
    /// Entries the change creates or modifies, by the keywords of their list.
    public private(set) var entries: [[String]: [RecordView]] = [:]
    /// Keywords of the lists in which the change creates, modifies or deletes entries.
    var touchedLists: Set<[String]> = []
    /// Every key the change touches, deletions included, in key order.
    let keys: [RecordKey]

    init(_ changes: ChangeSet, _ decoder: RecordDecoder) {
        keys = changes.changes.map(\.key)
        for change in changes.changes {
            guard let new = change.new else {
                if let old = change.old, let view = decoder.view(change.key, old) { note(view, isPresent: false) }
                continue
            }
            guard let view = decoder.view(change.key, new) else {
                unknown.append((change.key, new))
                continue
            }
            note(view, isPresent: true)
            if let old = change.old { modified.append((view, old)) }
        }
        fileRun()
    }

    /// Whether the change touches the record at `key`, by binary search.
    func contains(_ key: RecordKey) -> Bool {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key
    }

    /// Changes come in key order, so the entries of one list arrive together: they are
    /// gathered in a run and filed once, rather than hashing the list's keywords per entry
    /// (a bulk change has 100,000 users).
    private var run: (list: [String], entries: [RecordView])?

    private mutating func note(_ view: RecordView, isPresent: Bool) {
        if view.isEntry, run?.list != view.keywords {
            fileRun()
            run = (view.keywords, [])
        }
        if isPresent {
            present.append(view)
            if view.isEntry { run?.entries.append(view) }
        } else {
            deleted.append(view)
        }
    }

    private mutating func fileRun() {
        guard let (list, views) = run else { return }
        touchedLists.insert(list)
        if !views.isEmpty { entries[list, default: []] += views }
        run = nil
    }
}

/// What a rule examines. With a change, only the records it creates or modifies (cost grows
/// with the change, not with the configuration: the user list may hold a million entries);
/// without one, everything.
extension ValidationContext {
    /// Each record to check, as it would be published, with its view when the schema knows it.
    func forEachRecordInScope(_ body: (RecordKey, Record, RecordView?) throws -> Void) throws {
        if let scope {
            for view in scope.present { try body(view.key, view.record, view) }
            for (key, record) in scope.unknown { try body(key, record, nil) }
        } else {
            try config.forEachRecord(under: RecordKey(.root)) { key, record in
                try body(key, record, decoder.view(key, record))
            }
        }
    }

    /// Each record to check that the schema knows (V1 reports the others).
    public func forEachViewInScope(_ body: (RecordView) throws -> Void) throws {
        try forEachRecordInScope { _, _, view in
            if let view { try body(view) }
        }
    }

    /// Each entry of the list named by `list` to check.
    public func forEachEntryInScope(of list: [String], _ body: (RecordView) throws -> Void) throws {
        if let scope {
            for view in scope.entries[list] ?? [] { try body(view) }
        } else {
            try forEachEntry(of: list, body)
        }
    }

    /// Every entry of the list, whatever the change. Only for lists known to be small.
    public func forEachEntry(of list: [String], _ body: (RecordView) throws -> Void) throws {
        try config.forEachListEntry(list) { key, record in
            if let view = decoder.view(key, record) { try body(view) }
        }
    }

    /// Whether the record at `key` is in scope: always without a change, else when it changed.
    public func isInScope(_ key: RecordKey) -> Bool {
        scope?.contains(key) ?? true
    }

    /// Whether the change creates, modifies or deletes an entry of the list named by `list`
    /// (always true without a change).
    public func touchesEntries(of list: [String]) -> Bool {
        scope?.touchedLists.contains(list) ?? true
    }

    /// The record at `key` as it would be published, or nil when it does not exist.
    public func view(at key: RecordKey) throws -> RecordView? {
        try config.record(key).flatMap { decoder.view(key, $0) }
    }
}
