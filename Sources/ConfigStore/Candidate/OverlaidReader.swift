import ConfigModel

/// A configuration that is the published one with some records replaced (`nil`: deleted).
/// Candidates, past revisions and the result of a merge are all such views, so each read
/// costs the part of the overlay it touches, not the size of the configuration.
struct OverlaidReader<Overlay: RecordOverlay>: ConfigReader {
    let schema: SchemaNode
    let overlay: Overlay
    /// The published records: at the head, in a snapshot, or inside a write transaction.
    let underlying: any StorageReads

    /// Records read per range read of the underlying records.
    static var chunkSize: Int { 512 }
    /// Edits in a range up to which a count is the store's, corrected by a point read each.
    static var pointReadsForCount: Int { 64 }

    func record(_ key: RecordKey) throws -> Record? {
        if let replaced = overlay.replacement(for: key) { return replaced }
        return try underlying.record(key)
    }

    func forEachRecord(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) throws {
        try forEachRecord(from: ancestor.descendantsLowerBound, below: ancestor.descendantsUpperBound) { key, record in
            try body(key, record)
            return true
        }
    }

    func forEachEntry(of list: ConfigPath, startingWith prefix: String, _ body: (String, Record) throws -> Bool) throws {
        let range = EntryRange(list: list, prefix: prefix)
        try forEachRecord(from: range.lower, below: range.upper) { key, record in
            guard let entry = range.entryKey(of: key) else { return true }
            return try body(entry, record)
        }
    }

    /// The records with keys in [`lower`, `upper`) as this view shows them, in key order,
    /// until `body` returns false: the overlay's merged with the published ones, which are
    /// read a chunk at a time, so that no read stays open while `body` runs.
    private func forEachRecord(from lower: String, below upper: String, _ body: (RecordKey, Record) throws -> Bool) throws {
        let replaced = overlay.replacedKeys(from: lower, below: upper).filter { overlay.replacement(for: $0) != nil }
        var next = 0
        var cursor = lower
        var inclusive = true
        while true {
            let chunk = try underlying.records(after: cursor, inclusive: inclusive, below: upper, limit: Self.chunkSize)
            for (key, record) in chunk {
                while next < replaced.count, replaced[next] < key {
                    if let record = overlay.replacement(for: replaced[next])!, try !body(replaced[next], record) { return }
                    next += 1
                }
                if next < replaced.count, replaced[next] == key {
                    next += 1
                    if let record = overlay.replacement(for: key)!, try !body(key, record) { return }
                } else if try !body(key, record) {
                    return
                }
            }
            guard chunk.count == Self.chunkSize, let last = chunk.last else { break }
            cursor = last.0.encoded
            inclusive = false
        }
        for key in replaced[next...] {
            if let record = overlay.replacement(for: key)!, try !body(key, record) { return }
        }
    }

    func entryKeys(of list: ConfigPath, startingWith prefix: String, limit: Int) throws -> [String] {
        var keys: [String] = []
        guard limit > 0 else { return keys }
        try forEachEntry(in: EntryRange(list: list, prefix: prefix), pageSize: limit) { key in
            keys.append(key)
            return keys.count < limit
        }
        return keys
    }

    func countEntries(of list: ConfigPath, startingWith prefix: String, cap: Int) throws -> Int {
        let range = EntryRange(list: list, prefix: prefix)
        let replaced = overlay.replacedKeys(from: range.lower, below: range.upper)
        if replaced.count <= Self.pointReadsForCount {
            // Few edits in the range (`ls` of a million users, most TABs): the store counts
            // from its index, and each edit corrects that by one point read.
            var count = try underlying.countEntries(range, cap: cap > Int.max - replaced.count ? cap : cap + replaced.count)
            for key in replaced where range.entryKey(of: key) != nil {
                guard let replacement = overlay.replacement(for: key) else { continue }
                let isPublished = try underlying.record(key) != nil
                if isPublished, replacement == nil { count -= 1 }
                if !isPublished, replacement != nil { count += 1 }
            }
            return min(max(count, 0), cap)
        }
        // Many: merged with the published entries and counted up to the cap, which a TAB
        // keeps small.
        var count = 0
        guard cap > 0 else { return count }
        try forEachEntry(in: range, pageSize: min(cap, 4_096)) { _ in
            count += 1
            return count < cap
        }
        return count
    }

    /// The keys of the entries in `range` as this view shows them, in key order, until
    /// `body` says stop: the overlay's merged with the published ones, which are read a page
    /// at a time. Costs what is visited, however many entries either side holds beyond.
    private func forEachEntry(in range: EntryRange, pageSize: Int, _ body: (String) throws -> Bool) throws {
        let replaced = overlay.replacedKeys(from: range.lower, below: range.upper)
        var next = replaced.startIndex
        /// The next entry the overlay holds, skipping what it deletes and what is not an entry.
        func nextReplaced() -> (key: String, record: Record?)? {
            while next < replaced.endIndex {
                let key = replaced[next]
                if let entry = range.entryKey(of: key), let replacement = overlay.replacement(for: key) { return (entry, replacement) }
                next += 1
            }
            return nil
        }
        var page = try underlying.entryKeys(range, limit: pageSize)
        var position = 0
        while true {
            if position == page.count, page.count == pageSize, let last = page.last {
                page = try underlying.entryKeys(range.after(last), limit: pageSize)
                position = 0
            }
            let published = position < page.count ? page[position] : nil
            let ours = nextReplaced()
            guard published != nil || ours != nil else { return }
            if let ours, published.map({ UTF8Bytes.compare(ours.key, $0) <= 0 }) ?? true {
                // The overlay's version of an entry replaces the published one.
                if let published, UTF8Bytes.compare(ours.key, published) == 0 { position += 1 }
                next += 1
                if ours.record != nil, try !body(ours.key) { return }
            } else if let published {
                position += 1
                if try !body(published) { return }
            }
        }
    }

    func referrers(of target: RecordKey) throws -> [Referrer] {
        let index = ReferenceIndex(schema: schema)
        var found = try underlying.referrers(of: target).filter { overlay.replacement(for: $0.record) == nil }
        for scope in index.scopes {
            for key in overlay.replacedKeys(from: scope.descendantsLowerBound, below: scope.descendantsUpperBound)
            where index.mayHoldReferences(key) {
                guard let record = overlay.replacement(for: key) else { continue }
                for reference in index.references(of: key, record) where reference.target == target {
                    found.append(Referrer(record: key, leaf: reference.leaf))
                }
            }
        }
        return found.sorted { ($0.record, $0.leaf) < ($1.record, $1.leaf) }
    }
}
