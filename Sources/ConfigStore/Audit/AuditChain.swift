/// `audit verify`: the audit trail read in sequence order, a page at a time, each record's
/// hash computed again from its fields and its link checked against the record before.
public enum AuditChain {
    /// Records read per page: a long trail is never held whole.
    static let page = 10_000

    /// What verifying found.
    public struct Verification: Equatable, Sendable {
        /// Records found to match, from the first on.
        public let verified: Int
        /// The hash of the last record that matched: kept somewhere else, it shows later that
        /// the records up to it were neither changed nor removed.
        public let lastHash: String?
        /// The first record that does not match, and why; nil when all do.
        public let mismatch: Mismatch?
    }

    public struct Mismatch: Equatable, Sendable, CustomStringConvertible {
        /// The sequence number of the first record that does not match.
        public let sequence: Int
        public let reason: String

        public var description: String { "audit record \(sequence) does not match: \(reason)" }
    }

    /// Verifies the records `page` reads (the records after a sequence number, at most a
    /// limit, in sequence order).
    public static func verify(_ page: (_ after: Int, _ limit: Int) throws -> [AuditRecord]) throws -> Verification {
        var verified = 0
        var previous: AuditRecord?
        while true {
            let records = try page(previous?.sequence ?? 0, Self.page)
            for record in records {
                if let reason = mismatch(record, after: previous) {
                    return Verification(verified: verified, lastHash: previous?.hash, mismatch: Mismatch(sequence: record.sequence, reason: reason))
                }
                verified += 1
                previous = record
            }
            if records.count < Self.page { return Verification(verified: verified, lastHash: previous?.hash, mismatch: nil) }
        }
    }

    /// Why `record` does not follow `previous` (nil: the first), or nil when it does.
    static func mismatch(_ record: AuditRecord, after previous: AuditRecord?) -> String? {
        let expected = (previous?.sequence ?? 0) + 1
        if record.sequence != expected {
            return expected == 1 ? "the trail does not start at record 1" : "record \(expected) is missing"
        }
        if record.previous != previous?.hash {
            return previous == nil ? "the first record names a record before it" : "it does not name record \(expected - 1)'s hash as the previous one"
        }
        if record.computedHash != record.hash { return "its fields do not hash to the hash stored with it" }
        return nil
    }
}
