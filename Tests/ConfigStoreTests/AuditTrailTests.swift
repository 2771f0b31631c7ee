import ConfigModel
import DigitalAccess
import Foundation
import Synchronization
import XCTest

@testable import ConfigStore

/// The audit trail on every storage: a publish appends its record in its own transaction,
/// refusals are appended alone, the chain verifies, concurrent appends keep one chain.
final class AuditTrailTests: StorageTestCase {
    /// Records appended since `before` (a PostgreSQL store starts with `store init`'s).
    private func records(_ store: RevisionedStore, since before: Int) throws -> [AuditRecord] {
        try store.storage.auditRecords(after: before, limit: 1_000)
    }

    private func lastSequence(_ store: RevisionedStore) throws -> Int {
        try store.latestAuditRecords(1).first?.sequence ?? 0
    }

    func testAPublishAppendsItsRecordWithTheDigestOfItsChanges() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let before = try lastSequence(store)
            let candidate = try store.candidate(for: "alice")
            try candidate.set([(StoreFixture.dnsName, "ag5.example.com"), (StoreFixture.port, "8443")])
            let changes = try candidate.changesAgainstPublished(under: RecordKey(.root))
            XCTAssertEqual(try candidate.publishExpectingRevision("first"), 1)

            let appended = try records(store, since: before)
            XCTAssertEqual(appended.count, 1)
            let record = try XCTUnwrap(appended.first)
            XCTAssertEqual(record.sequence, before + 1)
            XCTAssertEqual(record.action, "publish")
            XCTAssertEqual(record.revision, 1)
            XCTAssertNil(record.request)
            XCTAssertEqual(record.outcome, "published")
            XCTAssertEqual(record.source, "interactive")
            XCTAssertEqual(record.digest, changes.digest)
            XCTAssertEqual(record.host, AuditSession.process.host)
            XCTAssertEqual(record.sessionBegan, AuditSession.process.began)
            XCTAssertLessThanOrEqual(record.sessionBegan, record.time)
            // On PostgreSQL the identity is the role the server authenticated.
            XCTAssertEqual(record.user, storage == .postgresql ? "postgres" : "alice")
            XCTAssertEqual(record.login, AuditSession.process.login)
            XCTAssertEqual(try store.verifyAudit().mismatch, nil)
            XCTAssertEqual(try store.verifyAudit().verified, before + 1)
            XCTAssertEqual(try store.verifyAudit().lastHash, record.hash)
        }
    }

    /// Nothing of a publish that fails is kept, its audit record included; a refusal is
    /// appended on its own.
    func testAFailedPublishAppendsNothingAndARefusalIsAppendedAlone() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let before = try lastSequence(store)
            let candidate = try store.scratchCandidate()
            try candidate.set([(StoreFixture.user("u1", "email"), "not an address")])
            guard case .invalid = try candidate.publish(PublishMetadata(user: "alice", source: "-c", comment: nil)) else {
                return XCTFail("expected a validation failure")
            }
            XCTAssertEqual(try records(store, since: before), [])

            try store.appendAudit(AuditEvent(action: "set", user: "helen", source: "-c", outcome: .refused, detail: "permission denied: …"))
            let refusal = try XCTUnwrap(records(store, since: before).first)
            XCTAssertEqual(refusal.action, "set")
            XCTAssertEqual(refusal.outcome, "refused")
            XCTAssertEqual(refusal.detail, "permission denied: …")
            XCTAssertNil(refusal.revision)
            XCTAssertEqual(try store.latestRevision(), 0)
            XCTAssertEqual(try store.latestAuditRecords(5).map(\.sequence), Array((1...before + 1).reversed()))
        }
    }

    /// A spilled candidate's publish hashes its change a window at a time, as the whole.
    func testASpilledPublishRecordsTheDigestOfTheWholeChange() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open(spillThreshold: 10)
            let candidate = try store.scratchCandidate()
            try candidate.set((0..<40).map { (StoreFixture.user(String(format: "u%03d", $0), "email"), "u\($0)@example.com") })
            let changes = try candidate.changesAgainstPublished(under: RecordKey(.root))
            XCTAssertEqual(changes.changes.count, 40)
            _ = try candidate.publishExpectingRevision()
            XCTAssertEqual(try store.latestAuditRecords(1).first?.digest, changes.digest)
        }
    }

    /// Appends from several stores at once (processes, on a file or a server) keep one chain.
    func testConcurrentAppendsKeepOneChain() throws {
        try onEachStorage {
            let fixture = try StoreFixture(storage)
            let before = try lastSequence(try fixture.open())
            let threads = 4, each = 10
            let group = DispatchGroup()
            let errors = Mutex<[String]>([])
            for thread in 0..<threads {
                group.enter()
                Thread {
                    defer { group.leave() }
                    do {
                        let store = try fixture.open()
                        for index in 0..<each {
                            if index % 3 == 0 {
                                let candidate = try store.scratchCandidate()
                                try candidate.set([(StoreFixture.user("t\(thread)i\(index)", "email"), "x@example.com")])
                                let outcome = try candidate.publish(PublishMetadata(user: "t\(thread)", source: "-c", comment: nil))
                                guard case .published = outcome else { throw StoreError.failed(path: "", reason: "\(outcome)") }
                            } else {
                                try store.appendAudit(AuditEvent(action: "set", user: "t\(thread)", source: "-c", outcome: .refused))
                            }
                        }
                    } catch {
                        errors.withLock { $0.append("\(error)") }
                    }
                }.start()
            }
            group.wait()
            XCTAssertEqual(errors.withLock { $0 }, [])
            let store = try fixture.open()
            let verification = try store.verifyAudit()
            XCTAssertNil(verification.mismatch)
            XCTAssertEqual(verification.verified, before + threads * each)
            let published = try records(store, since: before).filter { $0.action == "publish" }.compactMap(\.revision)
            let latest = try store.latestRevision()
            XCTAssertEqual(published.sorted(), Array(1...latest))
        }
    }
}
