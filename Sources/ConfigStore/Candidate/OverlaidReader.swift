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

    func record(_ key: RecordKey) throws -> Record? {
        if let replaced = overlay.replacement(for: key) { return replaced }
        return try underlying.record(key)
    }

    func forEachRecord(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) throws {
        let replaced = overlay.replacedKeys(from: ancestor.descendantsLowerBound, below: ancestor.descendantsUpperBound)
        var next = 0
        try forEachPublished(under: ancestor) { key, record in
            while next < replaced.count, replaced[next] < key {
                if let record = overlay.replacement(for: replaced[next])! { try body(replaced[next], record) }
                next += 1
            }
            if next < replaced.count, replaced[next] == key {
                if let record = overlay.replacement(for: key)! { try body(key, record) }
                next += 1
            } else {
                try body(key, record)
            }
        }
        for key in replaced[next...] {
            if let record = overlay.replacement(for: key)! { try body(key, record) }
        }
    }

    /// Streams the published records strictly inside `ancestor`, a chunk per read, so that
    /// no read is left open while `body` runs.
    private func forEachPublished(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) throws {
        var cursor = ancestor.descendantsLowerBound
        var inclusive = true
        while true {
            let chunk = try underlying.records(after: cursor, inclusive: inclusive, below: ancestor.descendantsUpperBound, limit: Self.chunkSize)
            for (key, record) in chunk { try body(key, record) }
            guard chunk.count == Self.chunkSize, let last = chunk.last else { return }
            cursor = last.0.encoded
            inclusive = false
        }
    }

    func entryKeys(of list: ConfigPath, startingWith prefix: String, limit: Int) throws -> [String] {
        let range = EntryRange(list: list, prefix: prefix)
        let replaced = overlayEntries(in: range)
        // Ask for enough published keys that deleted ones cannot leave the page short.
        let published = try underlying.entryKeys(range, limit: limit + replaced.count)
        var keys = Set(published.filter { overlay.replacement(for: RecordKey(encoded: range.listLower + $0)) == nil })
        for (key, record) in replaced where record != nil { keys.insert(key) }
        return Array(keys.sorted { RecordKey(encoded: $0) < RecordKey(encoded: $1) }.prefix(limit))
    }

    func countEntries(of list: ConfigPath, startingWith prefix: String, cap: Int) throws -> Int {
        let range = EntryRange(list: list, prefix: prefix)
        var count = try underlying.countEntries(range, cap: cap)
        for (key, record) in overlayEntries(in: range) {
            let published = try underlying.record(RecordKey(encoded: range.listLower + key)) != nil
            if published, record == nil { count -= 1 }
            if !published, record != nil { count += 1 }
        }
        return min(max(count, 0), cap)
    }

    /// The overlay's records that are direct entries within `range`, by key.
    private func overlayEntries(in range: EntryRange) -> [(String, Record?)] {
        overlay.replacedKeys(from: range.lower, below: range.upper).compactMap { key in
            range.entryKey(of: key).map { (String($0), overlay.replacement(for: key)!) }
        }
    }

    func referrers(of target: RecordKey) throws -> [Referrer] {
        let index = ReferenceIndex(schema: schema)
        var found = try underlying.referrers(of: target).filter { overlay.replacement(for: $0.record) == nil }
        for scope in index.scopes {
            for key in overlay.replacedKeys(from: scope.descendantsLowerBound, below: scope.descendantsUpperBound)
            where index.mayHoldReferences(key) {
                for reference in index.references(of: key, overlay.replacement(for: key)!) where reference.target == target {
                    found.append(Referrer(record: key, leaf: reference.leaf))
                }
            }
        }
        return found.sorted { ($0.record, $0.leaf) < ($1.record, $1.leaf) }
    }
}
