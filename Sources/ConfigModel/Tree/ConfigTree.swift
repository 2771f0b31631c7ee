/// A whole configuration in memory: records by key. Used for loads, tests and as the
/// reference implementation of `ConfigReader`/`ConfigWriter`.
public struct ConfigTree: Equatable, Sendable, ConfigWriter {
    public var records: [RecordKey: Record]
    public let schema: SchemaNode

    public init(records: [RecordKey: Record] = [:], schema: SchemaNode) {
        self.records = records
        self.schema = schema
    }

    public static func == (lhs: ConfigTree, rhs: ConfigTree) -> Bool { lhs.records == rhs.records }

    public func record(_ key: RecordKey) -> Record? { records[key] }

    public func forEachRecord(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) rethrows {
        for key in records.keys.filter({ $0.isDescendant(of: ancestor) }).sorted() {
            try body(key, records[key]!)
        }
    }

    public func referrers(of target: RecordKey) throws -> [Referrer] {
        try scanReferrers(of: target)
    }

    public mutating func putRecord(_ key: RecordKey, _ record: Record?) {
        records[key] = record
    }
}
