import ConfigModel

/// A configuration that is an underlying one with some records replaced (`nil`: deleted).
/// Candidates, past revisions and the result of a merge are all such views over the
/// published records, so each read costs the size of the overlay, not of the configuration.
struct OverlaidReader: ConfigReader {
    let schema: SchemaNode
    let overlay: [RecordKey: Record?]
    let underlying: UnderlyingRecords

    func record(_ key: RecordKey) throws -> Record? {
        if let replaced = overlay[key] { return replaced }
        return try underlying.record(key)
    }

    func forEachRecord(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) throws {
        let replaced = overlay.keys.filter { $0.isDescendant(of: ancestor) }.sorted()
        var next = 0
        try underlying.forEach(ancestor) { key, record in
            while next < replaced.count, replaced[next] < key {
                if let record = overlay[replaced[next]]! { try body(replaced[next], record) }
                next += 1
            }
            if next < replaced.count, replaced[next] == key {
                if let record = overlay[key]! { try body(key, record) }
                next += 1
            } else {
                try body(key, record)
            }
        }
        for key in replaced[next...] {
            if let record = overlay[key]! { try body(key, record) }
        }
    }

    func entryKeys(of list: ConfigPath, startingWith prefix: String, limit: Int) throws -> [String] {
        let range = EntryRange(list: list, prefix: prefix)
        let replaced = overlayEntries(in: range)
        // Ask for enough published keys that deleted ones cannot leave the page short.
        let published = try underlying.entryKeys(range, limit + replaced.count)
        var keys = Set(published.filter { overlay[RecordKey(encoded: range.listLower + $0)] == nil })
        for (key, record) in replaced where record != nil { keys.insert(key) }
        return Array(keys.sorted { RecordKey(encoded: $0) < RecordKey(encoded: $1) }.prefix(limit))
    }

    func countEntries(of list: ConfigPath, startingWith prefix: String, cap: Int) throws -> Int {
        let range = EntryRange(list: list, prefix: prefix)
        var count = try underlying.countEntries(range, cap)
        for (key, record) in overlayEntries(in: range) {
            let published = try underlying.record(RecordKey(encoded: range.listLower + key)) != nil
            if published, record == nil { count -= 1 }
            if !published, record != nil { count += 1 }
        }
        return min(max(count, 0), cap)
    }

    /// The overlay's records that are direct entries within `range`, by key.
    private func overlayEntries(in range: EntryRange) -> [(String, Record?)] {
        overlay.compactMap { key, record in
            guard key.encoded.hasPrefix(range.lower) else { return nil }
            let entry = String(key.encoded.dropFirst(range.listLower.count))
            return entry.contains(RecordKey.separator) ? nil : (entry, record)
        }
    }

    func referrers(of target: RecordKey) throws -> [Referrer] {
        let index = ReferenceIndex(schema: schema)
        var found = try underlying.referrers(target).filter { overlay[$0.record] == nil }
        for (key, record) in overlay where index.mayHoldReferences(key) {
            for reference in index.references(of: key, record) where reference.target == target {
                found.append(Referrer(record: key, leaf: reference.leaf))
            }
        }
        return found.sorted { ($0.record, $0.leaf) < ($1.record, $1.leaf) }
    }
}

/// The published records, as an `OverlaidReader` reads them: through the store's queue, or
/// through a connection already inside a transaction.
struct UnderlyingRecords {
    let record: (RecordKey) throws -> Record?
    let entryKeys: (EntryRange, Int) throws -> [String]
    let countEntries: (EntryRange, Int) throws -> Int
    let forEach: (RecordKey, (RecordKey, Record) throws -> Void) throws -> Void
    let referrers: (RecordKey) throws -> [Referrer]
}

/// The keys of a list's entries that start with a prefix, as a range of record keys.
struct EntryRange {
    /// Where the list's descendants begin: every entry key is this plus the entry's key.
    let listLower: String
    let lower: String
    let upper: String

    init(list: ConfigPath, prefix: String) {
        listLower = RecordKey(list).descendantsLowerBound
        lower = listLower + prefix
        upper = lower + "\u{10FFFF}"
    }
}
