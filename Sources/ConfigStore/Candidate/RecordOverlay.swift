import ConfigModel

/// Records that replace the published ones in a view (`nil`: deleted), able to list those
/// of a range in key order a page at a time without looking at the others: a candidate
/// holding 100,000 edits after a bulk `load`, or a million spilled to the store, answers a
/// completion's range read as fast as an empty one.
protocol RecordOverlay {
    /// `.some(nil)` when the overlay deletes the record; nil when it leaves it alone.
    func replacement(for key: RecordKey) throws -> Record??
    /// Up to `limit` replaced records with keys after `lower` (or at it, if `inclusive`) and
    /// below `upper`, in key order, each with what replaces it (nil: deleted).
    func replacements(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(key: RecordKey, record: Record?)]
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

    func replacements(after lower: String, inclusive: Bool, below upper: String, limit: Int) -> [(key: RecordKey, record: Record?)] {
        SortedKeys.slice(of: sortedKeys, after: lower, inclusive: inclusive, below: upper).prefix(limit).map { ($0, records[$0]!) }
    }
}

/// Binary search over sorted record keys.
enum SortedKeys {
    /// The keys after `lower` (or at it, if `inclusive`) and below `upper`.
    static func slice(of keys: [RecordKey], after lower: String, inclusive: Bool, below upper: String) -> ArraySlice<RecordKey> {
        let bound = RecordKey(encoded: lower)
        var start = firstIndex(in: keys, notBelow: bound)
        if !inclusive, start < keys.count, keys[start] == bound { start += 1 }
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

/// An overlay's replacements in a range, read a page at a time as a walk goes on.
struct OverlayCursor<Overlay: RecordOverlay> {
    private let overlay: Overlay
    private let upper: String
    private let pageSize: Int
    private var page: [(key: RecordKey, record: Record?)] = []
    private var position = 0
    private var lower: String
    private var inclusive = true
    private var isLastPage = false

    init(_ overlay: Overlay, from lower: String, below upper: String, pageSize: Int) {
        self.overlay = overlay
        self.lower = lower
        self.upper = upper
        self.pageSize = max(pageSize, 1)
    }

    /// The next replacement, without moving past it; nil when there are no more.
    mutating func peek() throws -> (key: RecordKey, record: Record?)? {
        if position == page.count {
            guard !isLastPage else { return nil }
            page = try overlay.replacements(after: lower, inclusive: inclusive, below: upper, limit: pageSize)
            position = 0
            isLastPage = page.count < pageSize
            guard let last = page.last else { return nil }
            lower = last.key.encoded
            inclusive = false
        }
        return page[position]
    }

    mutating func advance() {
        position += 1
    }
}
