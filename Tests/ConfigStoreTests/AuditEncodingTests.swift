import ConfigModel
import Testing

@testable import ConfigStore

/// The canonical encodings are a contract (a change request's digest, `audit verify`, the
/// PostgreSQL functions that hash on the server): these pin them byte for byte.
struct AuditEncodingTests {
    private static let key = RecordKey(encoded: "manage-system\u{1F}x")

    @Test func aChangeSetDigestIsSHA256OfLengthPrefixedFields() {
        let changes = ChangeSet([
            RecordChange(key: Self.key, old: nil, new: Record(["port": "443"])),
            RecordChange(key: RecordKey(encoded: "a"), old: Record(["é": "1"]), new: nil),
        ])
        let port = Record(["port": "443"]).encoded, accent = Record(["é": "1"]).encoded
        // In key order: "a" first; "é" is two bytes in UTF-8.
        let text = "1:a\(accent.utf8.count):\(accent)-" + "\(Self.key.encoded.utf8.count):\(Self.key.encoded)-\(port.utf8.count):\(port)"
        #expect(changes.digest == SecureHash.sha256(text))
        #expect(ChangeSet().digest == SecureHash.sha256(""))
    }

    /// A change handed over a window at a time has the digest of the whole.
    @Test func windowsDigestAsTheWhole() {
        let changes = (0..<3_000).map { index in
            RecordChange(key: RecordKey(encoded: "user\u{1F}\(100_000 + index)"), old: nil, new: Record(["email": "u\(index)@example.com"]))
        }
        var windows = ChangeSetDigest()
        for start in stride(from: 0, to: changes.count, by: 700) { windows.add(ChangeSet(Array(changes[start..<min(start + 700, changes.count)]))) }
        #expect(windows.finish() == ChangeSet(changes).digest)
        #expect(ChangeSet(Array(changes.dropLast())).digest != ChangeSet(changes).digest)
    }

    @Test func anAuditRecordHashesItsCanonicalText() {
        let event = AuditEvent(
            action: .publish, user: "alice", source: "script a b.dash", session: AuditSession(login: nil, host: "h", began: 5), revision: 7,
            outcome: .published, detail: "two\nlines", digest: "ab")
        let first = AuditRecord(appending: event, after: nil, time: 1_700_000_000_123_456)
        #expect(
            first.canonicalText == """
                dashell audit 1
                sequence 1:1
                time 16:1700000000123456
                user 5:alice
                login -
                host 1:h
                source 15:script a b.dash
                session-began 1:5
                action 7:publish
                revision 1:7
                request -
                outcome 9:published
                detail 9:two
                lines
                digest 2:ab
                previous -

                """)
        #expect(first.hash == SecureHash.sha256(first.canonicalText))
        let second = AuditRecord(appending: event, after: (first.sequence, first.hash), time: 1_700_000_000_123_457)
        #expect(second.sequence == 2)
        #expect(second.previous == first.hash)
        #expect(second.canonicalText.hasSuffix("previous 64:\(first.hash)\n"))
    }

    @Test func timesPrintToTheMicrosecond() {
        #expect(AuditTime.iso8601(1_700_000_000_000_042) == "2023-11-14T22:13:20.000042Z")
        #expect(AuditTime.iso8601(0) == "1970-01-01T00:00:00.000000Z")
    }

    /// The first record that does not follow the one before is named, whatever broke.
    @Test func verificationNamesTheFirstRecordThatDoesNotMatch() throws {
        let event = AuditEvent(action: .publish, user: "alice", source: "-c", outcome: .published)
        var records: [AuditRecord] = []
        for time in Int64(1)...5 {
            records.append(AuditRecord(appending: event, after: records.last.map { ($0.sequence, $0.hash) }, time: time))
        }
        func verify(_ records: [AuditRecord]) throws -> AuditChain.Verification {
            try AuditChain.verify { after, limit in Array(records.filter { $0.sequence > after }.prefix(limit)) }
        }
        #expect(try verify(records) == AuditChain.Verification(verified: 5, lastHash: records[4].hash, mismatch: nil))
        #expect(try verify([]) == AuditChain.Verification(verified: 0, lastHash: nil, mismatch: nil))

        var changed = records
        let third = records[2]
        changed[2] = AuditRecord(
            sequence: 3, time: third.time, user: "mallory", login: third.login, host: third.host, source: third.source,
            sessionBegan: third.sessionBegan, action: third.action, revision: third.revision, request: third.request, outcome: third.outcome,
            detail: third.detail, digest: third.digest, previous: third.previous, hash: third.hash)
        #expect(try verify(changed).mismatch?.sequence == 3)
        #expect(try verify(changed).verified == 2)

        // Rehashed to hide the change: the next record no longer names it.
        changed[2] = AuditRecord(
            appending: AuditEvent(action: .publish, user: "mallory", source: "-c", outcome: .published), after: (2, records[1].hash), time: 3)
        #expect(try verify(changed).mismatch?.sequence == 4)

        var removed = records
        removed.remove(at: 1)
        #expect(try verify(removed).mismatch == AuditChain.Mismatch(sequence: 3, reason: "record 2 is missing"))
    }
}
