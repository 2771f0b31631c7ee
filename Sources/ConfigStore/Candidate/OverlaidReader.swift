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
        if let replaced = try overlay.replacement(for: key) { return replaced }
        return try underlying.record(key)
    }

    func forEachRecord(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) throws {
        try forEachRecord(from: ancestor.descendantsLowerBound, below: ancestor.descendantsUpperBound) { key, record in
            try body(key, record)
            return true
        }
    }

    func forEachEntry(of list: ConfigPath, startingWith prefix: String, _ body: (String, Record) throws -> Bool) throws {
        try forEachEntry(of: list, startingWith: prefix, possiblyContaining: nil, body)
    }

    func forEachEntry(
        of list: ConfigPath, startingWith prefix: String, possiblyContaining word: String, _ body: (String, Record) throws -> Bool
    ) throws {
        try forEachEntry(of: list, startingWith: prefix, possiblyContaining: .some(word), body)
    }

    private func forEachEntry(
        of list: ConfigPath, startingWith prefix: String, possiblyContaining word: String?, _ body: (String, Record) throws -> Bool
    ) throws {
        let range = EntryRange(list: list, prefix: prefix)
        try forEachRecord(from: range.lower, below: range.upper, possiblyContaining: word) { key, record in
            guard let entry = range.entryKey(of: key) else { return true }
            return try body(entry, record)
        }
    }

    /// The records with keys in [`lower`, `upper`) as this view shows them, in key order,
    /// until `body` returns false: the overlay's merged with the published ones, both read a
    /// chunk at a time, so that no read stays open while `body` runs. With `word`, the
    /// published records are those the storage finds may contain it (see
    /// `ConfigReader.forEachEntry(of:startingWith:possiblyContaining:_:)`); the overlay's
    /// all come, whatever they hold.
    private func forEachRecord(
        from lower: String, below upper: String, possiblyContaining word: String? = nil, _ body: (RecordKey, Record) throws -> Bool
    ) throws {
        var replaced = OverlayCursor(overlay, from: lower, below: upper, pageSize: Self.chunkSize)
        var cursor = lower
        var inclusive = true
        // A filtered read scans until it has `limit` records, which for a rare word may be
        // most of the list: it starts small, so that a first page of results comes soon.
        var limit = word == nil ? Self.chunkSize : 16
        while true {
            let chunk =
                try word.map { try underlying.records(after: cursor, inclusive: inclusive, below: upper, limit: limit, possiblyContaining: $0) }
                ?? underlying.records(after: cursor, inclusive: inclusive, below: upper, limit: limit)
            for (key, record) in chunk {
                while let ours = try replaced.peek(), ours.key < key {
                    replaced.advance()
                    if let record = ours.record, try !body(ours.key, record) { return }
                }
                if let ours = try replaced.peek(), ours.key == key {
                    replaced.advance()
                    if let record = ours.record, try !body(key, record) { return }
                } else if try !body(key, record) {
                    return
                }
            }
            guard chunk.count == limit, let last = chunk.last else { break }
            limit = min(2 * limit, Self.chunkSize)
            cursor = last.0.encoded
            inclusive = false
        }
        while let ours = try replaced.peek() {
            replaced.advance()
            if let record = ours.record, try !body(ours.key, record) { return }
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
        let range = EntryRange(list: list, prefix: prefix, in: schema)
        let replaced = try overlay.replacements(after: range.lower, inclusive: true, below: range.upper, limit: Self.pointReadsForCount + 1)
        if replaced.count <= Self.pointReadsForCount {
            // Few edits in the range (`ls` of a million users, most TABs): the store counts
            // from its index, and each edit corrects that by one point read.
            var count = try underlying.countEntries(range, cap: cap > Int.max - replaced.count ? cap : cap + replaced.count)
            for (key, replacement) in replaced where range.entryKey(of: key) != nil {
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
    /// `body` says stop: the overlay's merged with the published ones, both read a page at
    /// a time. Costs what is visited, however many entries either side holds beyond.
    private func forEachEntry(in range: EntryRange, pageSize: Int, _ body: (String) throws -> Bool) throws {
        var replaced = OverlayCursor(overlay, from: range.lower, below: range.upper, pageSize: pageSize)
        /// The next entry the overlay holds, skipping what is not an entry.
        func nextReplaced() throws -> (key: String, record: Record?)? {
            while let ours = try replaced.peek() {
                if let entry = range.entryKey(of: ours.key) { return (entry, ours.record) }
                replaced.advance()
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
            let ours = try nextReplaced()
            guard published != nil || ours != nil else { return }
            if let ours, published.map({ UTF8Bytes.compare(ours.key, $0) <= 0 }) ?? true {
                // The overlay's version of an entry replaces the published one.
                if let published, UTF8Bytes.compare(ours.key, published) == 0 { position += 1 }
                replaced.advance()
                if ours.record != nil, try !body(ours.key) { return }
            } else if let published {
                position += 1
                if try !body(published) { return }
            }
        }
    }

    func referrers(of target: RecordKey) throws -> [Referrer] {
        let index = ReferenceIndex(schema: schema)
        var found = try underlying.referrers(of: target).filter { try overlay.replacement(for: $0.record) == nil }
        for scope in index.scopes {
            var replaced = OverlayCursor(overlay, from: scope.descendantsLowerBound, below: scope.descendantsUpperBound, pageSize: Self.chunkSize)
            while let (key, record) = try replaced.peek() {
                replaced.advance()
                guard index.mayHoldReferences(key) else { continue }
                for reference in index.references(of: key, record) where reference.target == target {
                    found.append(Referrer(record: key, leaf: reference.leaf))
                }
            }
        }
        return found.sorted { ($0.record, $0.leaf) < ($1.record, $1.leaf) }
    }
}
