import ConfigModel

/// Records that replace the published ones in a view (`nil`: deleted), able to say which
/// keys of a range they replace in key order without looking at the others: a candidate
/// holding 100,000 edits after a bulk `load` answers a completion's range read as fast as
/// an empty one.
protocol RecordOverlay {
    /// `.some(nil)` when the overlay deletes the record; nil when it leaves it alone.
    func replacement(for key: RecordKey) -> Record??
    /// The replaced keys in [`lower`, `upper`), in key order, among which may be keys no
    /// longer replaced: `replacement(for:)` is nil for those.
    func replacedKeys(from lower: String, below upper: String) -> ArraySlice<RecordKey>
}

/// An overlay built at once from a table of records: a past revision's records, a merge's
/// result. Its keys are sorted once, when made.
struct RecordTableOverlay: RecordOverlay {
    private let records: [RecordKey: Record?]
    private let sortedKeys: [RecordKey]

    init(_ records: [RecordKey: Record?]) {
        self.records = records
        sortedKeys = records.keys.sorted()
    }

    static let empty = RecordTableOverlay([:])

    func replacement(for key: RecordKey) -> Record?? { records[key] }

    func replacedKeys(from lower: String, below upper: String) -> ArraySlice<RecordKey> {
        SortedKeys.slice(of: sortedKeys, from: lower, below: upper)
    }
}

/// Binary search over sorted record keys.
enum SortedKeys {
    /// The keys in [`lower`, `upper`).
    static func slice(of keys: [RecordKey], from lower: String, below upper: String) -> ArraySlice<RecordKey> {
        let start = firstIndex(in: keys, notBelow: RecordKey(encoded: lower))
        let end = firstIndex(in: keys, notBelow: RecordKey(encoded: upper))
        return keys[start..<max(start, end)]
    }

    /// The index of the first key at or after `bound`.
    static func firstIndex(in keys: [RecordKey], notBelow bound: RecordKey) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
