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
    let forEach: (RecordKey, (RecordKey, Record) throws -> Void) throws -> Void
    let referrers: (RecordKey) throws -> [Referrer]
}
