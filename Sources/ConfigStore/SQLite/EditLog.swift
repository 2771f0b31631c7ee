import ConfigModel

/// A candidate's edits by record key, remembering the order in which keys were first edited.
///
/// A script edits records roughly in key order (users one after another), and everything
/// that consumes a candidate wants key order: publish writes and validates in it, `compare`
/// prints in it. Handing over the edits in the order they were made lets that sort run over
/// long presorted runs instead of a dictionary's random order — for 100,000 users the sort
/// had been the largest single cost of a bulk publish.
struct EditLog {
    struct Edit: Equatable {
        let base: Record?
        let new: Record?
    }

    /// Each edit with its position in `order`, and the number of the command that last set
    /// it (see `set(_:_:command:)`; -1 when none did).
    private var entries: [RecordKey: (edit: Edit, ordinal: Int, command: Int)] = [:]
    /// Keys as first edited; a key edited away and edited again appears again, and only the
    /// position its entry names counts.
    private var order: [RecordKey] = []
    /// Goes up with every change, so that what was worked out from the edits can tell
    /// whether it still holds.
    private(set) var version = 0

    init() {}

    /// Edits read back from the store, in key order.
    init(_ edits: [RecordKey: Edit]) {
        for (key, edit) in edits.sorted(by: { $0.key < $1.key }) { self[key] = edit }
    }

    var isEmpty: Bool { entries.isEmpty }

    subscript(_ key: RecordKey) -> Edit? {
        get { entries[key]?.edit }
        set { set(key, newValue, command: -1) }
    }

    /// The edit of `key`, and whether the command numbered `command` set it.
    func edit(of key: RecordKey, command: Int) -> (edit: Edit?, setByCommand: Bool) {
        guard let entry = entries[key] else { return (nil, false) }
        return (entry.edit, entry.command == command)
    }

    /// Sets the edit of `key` (nil: drops it), as made by the command numbered `command`.
    mutating func set(_ key: RecordKey, _ edit: Edit?, command: Int) {
        version &+= 1
        guard let edit else {
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
        let live = ordered
        order = live.map(\.key)
        for (ordinal, entry) in live.enumerated() { entries[entry.key]!.ordinal = ordinal }
    }

    /// Every edit, in the order its key was first edited.
    var ordered: [(key: RecordKey, edit: Edit)] {
        var result: [(key: RecordKey, edit: Edit)] = []
        result.reserveCapacity(entries.count)
        for (ordinal, key) in order.enumerated() {
            if let entry = entries[key], entry.ordinal == ordinal { result.append((key, entry.edit)) }
        }
        return result
    }

    /// The edited records as they now are, for reading the candidate through an overlay.
    var newRecords: [RecordKey: Record?] { entries.mapValues(\.edit.new) }
}
