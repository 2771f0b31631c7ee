import ConfigModel

/// A candidate's edits by record key, remembering the order in which keys were first edited,
/// and able to list the edited keys of a range in key order.
///
/// A script edits records roughly in key order (users one after another), and everything
/// that consumes a candidate wants key order: publish writes and validates in it, `compare`
/// prints in it. Handing over the edits in the order they were made lets that sort run over
/// long presorted runs instead of a dictionary's random order.
///
/// Reading the candidate through a view asks which keys of a range it replaces (a TAB
/// completing a user id, `ls`, a walk under a path): `sortedKeys` answers by binary search.
/// It is brought up to date when a view is made (`sortKeys`), with only the keys first
/// edited since, so that a view after a 100,000-record load costs what it costs on an empty
/// candidate once those keys are sorted.
///
/// Over a spill (`masksSpill`), the log holds the edits made since the last spill, and
/// also where an edit was dropped: a spilled edit of that key no longer counts.
struct EditLog: RecordOverlay {
    typealias Edit = CandidateEdit

    /// What the log says of a key.
    enum Lookup {
        case edited(Edit)
        /// Not edited, whatever the spill holds.
        case unedited
        /// Not in the log: the spill, if any, knows.
        case unknown
    }

    /// Each edit (nil: dropped over a spill) with its position in `order`, and the number
    /// of the command that last set it (see `set(_:_:command:)`; -1 when none did).
    private var entries: [RecordKey: (edit: Edit?, ordinal: Int, command: Int)] = [:]
    /// Keys as first edited; a key edited away and edited again appears again, and only the
    /// position its entry names counts.
    private var order: [RecordKey] = []
    /// The keys of `order` up to `sortedThrough`, in key order, once each; may still hold
    /// keys whose edit was dropped since, which readers skip.
    private var sortedKeys: [RecordKey] = []
    private var sortedThrough = 0
    /// Goes up with every change, so that what was worked out from the edits can tell
    /// whether it still holds.
    private(set) var version = 0
    /// Whether edits lie spilled beneath this log, so that a dropped edit must be kept as
    /// dropped instead of forgotten.
    let masksSpill: Bool

    init(masksSpill: Bool = false) {
        self.masksSpill = masksSpill
    }

    /// Edits read back from the store, in key order.
    init(_ edits: [RecordKey: Edit]) {
        masksSpill = false
        for (key, edit) in edits.sorted(by: { $0.key < $1.key }) { set(key, edit, command: -1) }
    }

    /// Whether the log holds nothing, not even a dropped edit.
    var isEmpty: Bool { entries.isEmpty }

    /// Keys the log holds, dropped edits included.
    var count: Int { entries.count }

    func lookup(_ key: RecordKey) -> Lookup {
        guard let entry = entries[key] else { return .unknown }
        return entry.edit.map(Lookup.edited) ?? .unedited
    }

    /// What the log says of `key`, and whether the command numbered `command` set it.
    func lookup(_ key: RecordKey, command: Int) -> (Lookup, setByCommand: Bool) {
        guard let entry = entries[key] else { return (.unknown, false) }
        return (entry.edit.map(Lookup.edited) ?? .unedited, entry.command == command)
    }

    /// Sets the edit of `key` (nil: drops it), as made by the command numbered `command`.
    mutating func set(_ key: RecordKey, _ edit: Edit?, command: Int) {
        version &+= 1
        if edit == nil, !masksSpill {
            entries[key] = nil
            return
        }
        if let index = entries.index(forKey: key) {
            entries.values[index].edit = edit
            entries.values[index].command = command
        } else {
            if order.count >= 2 * entries.count + 1024 { compact() }
            entries[key] = (edit, order.count, command)
            order.append(key)
        }
    }

    /// Drops the places of keys edited away (or edited again later): a user who loads a
    /// large file that fails and tries again must not leave `order` growing for good.
    private mutating func compact() {
        let live = order.enumerated().filter { entries[$0.element]?.ordinal == $0.offset }.map(\.element)
        order = live
        for (ordinal, key) in live.enumerated() { entries[key]!.ordinal = ordinal }
        sortedKeys = []
        sortedThrough = 0
    }

    /// Every edit, in the order its key was first edited.
    var ordered: [(key: RecordKey, edit: Edit)] {
        var result: [(key: RecordKey, edit: Edit)] = []
        result.reserveCapacity(entries.count)
        for (ordinal, key) in order.enumerated() {
            if let entry = entries[key], entry.ordinal == ordinal, let edit = entry.edit { result.append((key, edit)) }
        }
        return result
    }

    /// Every key the log holds with its edit (nil: dropped), in key order: what a spill
    /// writes. From the keys kept sorted, not a sort of the whole table: a spill writes
    /// 150,000 records at a time.
    mutating func sorted() -> [(key: RecordKey, edit: Edit?)] {
        sortKeys()
        var result: [(key: RecordKey, edit: Edit?)] = []
        result.reserveCapacity(entries.count)
        for key in sortedKeys {
            if let entry = entries[key] { result.append((key, entry.edit)) }
        }
        return result
    }

    /// Brings `sortedKeys` up to date with the keys first edited since it last was.
    mutating func sortKeys() {
        guard sortedThrough < order.count else { return }
        var fresh: [RecordKey] = []
        for ordinal in sortedThrough..<order.count {
            let key = order[ordinal]
            if entries[key]?.ordinal == ordinal { fresh.append(key) }
        }
        sortedThrough = order.count
        fresh.sort()
        if fresh.count <= Self.insertedOneByOne {
            // A command or two since the last view: a few moves of the array beat a merge.
            for key in fresh {
                let index = SortedKeys.firstIndex(in: sortedKeys, notBelow: key)
                if index == sortedKeys.count || sortedKeys[index] != key { sortedKeys.insert(key, at: index) }
            }
            return
        }
        var merged: [RecordKey] = []
        merged.reserveCapacity(sortedKeys.count + fresh.count)
        var old = 0, new = 0
        while old < sortedKeys.count || new < fresh.count {
            let key: RecordKey
            if new == fresh.count || (old < sortedKeys.count && sortedKeys[old] < fresh[new]) {
                key = sortedKeys[old]
                old += 1
            } else {
                key = fresh[new]
                new += 1
            }
            if merged.last != key { merged.append(key) }
        }
        sortedKeys = merged
    }

    /// Fresh keys up to which `sortKeys` inserts each in place instead of merging.
    private static let insertedOneByOne = 64

    // MARK: RecordOverlay (after `sortKeys`)

    func replacement(for key: RecordKey) -> Record?? {
        guard let edit = entries[key]?.edit else { return nil }
        return .some(edit.new)
    }

    func replacements(after lower: String, inclusive: Bool, below upper: String, limit: Int) -> [(key: RecordKey, record: Record?)] {
        assert(sortedThrough == order.count, "a view of the edits is made after sortKeys()")
        var found: [(key: RecordKey, record: Record?)] = []
        for key in SortedKeys.slice(of: sortedKeys, after: lower, inclusive: inclusive, below: upper) {
            guard found.count < limit else { break }
            if let edit = entries[key]?.edit { found.append((key, edit.new)) }
        }
        return found
    }
}
