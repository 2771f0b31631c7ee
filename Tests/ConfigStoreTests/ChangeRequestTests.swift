import ConfigModel
import XCTest

@testable import ConfigStore

/// Change requests on every storage: submitted from a candidate, approved into a revision
/// by someone else, or rejected back into the author's candidate.
final class ChangeRequestTests: StorageTestCase {
    private func submit(_ candidate: any Candidate, by author: String, comment: String? = nil) throws -> ChangeRequest {
        let outcome = try candidate.submit(PublishMetadata(user: author, source: "interactive", comment: comment))
        guard case .submitted(let request, _) = outcome else {
            XCTFail("expected a request, got \(outcome)")
            throw CancellationError()
        }
        return request
    }

    func testARequestIsPublishedByItsApproverAsItsAuthors() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let carol = try store.candidate(for: "carol")
            try carol.set([(StoreFixture.user("bob", "email"), "bob@example.com")])
            let request = try submit(carol, by: "carol", comment: "add bob")
            XCTAssertEqual(try carol.status().pendingChanges, 0, "the author's candidate is empty once submitted")
            XCTAssertEqual(try store.candidate(for: "carol").status().pendingChanges, 0, "and so is the one kept in the store")
            XCTAssertEqual(try store.openChangeRequests().map(\.id), [request.id])
            XCTAssertEqual(request.author, "carol")
            XCTAssertEqual(request.changeCount, 1)
            XCTAssertEqual(request.digest.count, 64)
            XCTAssertNil(try store.published().value(at: StoreFixture.user("bob", "email")), "nothing is published before approval")
            XCTAssertEqual(try store.changes(ofRequest: request.id, under: RecordKey(.root)).size, 1)

            XCTAssertThrowsError(try store.approve(request.id, by: "carol", source: "-c")) { XCTAssertTrue($0 is AccessRefusal, "\($0)") }
            guard case .published(let revision, _, _) = try store.approve(request.id, by: "dave", source: "-c") else { return XCTFail("not published") }
            XCTAssertEqual(try store.published().value(at: StoreFixture.user("bob", "email")), "bob@example.com")
            let info = try XCTUnwrap(try store.revision(revision))
            XCTAssertEqual([info.user, info.approver, info.source, info.comment], ["carol", "dave", "request \(request.id)", "add bob"])
            XCTAssertEqual(try store.changeRequest(request.id).state, .approved(revision: revision, by: "dave"))
            XCTAssertEqual(try store.openChangeRequests(), [])
            XCTAssertThrowsError(try store.approve(request.id, by: "dave", source: "-c")) { XCTAssertTrue($0 is RequestNotOpen) }
        }
    }

    func testARejectedRequestGoesBackToItsAuthorBesideTheirNewerEdits() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let carol = try store.candidate(for: "carol")
            try carol.set([(StoreFixture.user("bob", "email"), "bob@example.com"), (StoreFixture.user("amy", "email"), "amy@example.com")])
            let request = try submit(carol, by: "carol")
            try carol.set([(StoreFixture.user("bob", "email"), "robert@example.com"), (StoreFixture.port, "8443")])

            XCTAssertEqual(try store.reject(request.id, by: "carol", source: "interactive"), 2)
            XCTAssertEqual(try store.changeRequest(request.id).state, .rejected(by: "carol"))
            let reopened = try store.candidate(for: "carol")
            XCTAssertEqual(try reopened.value(at: StoreFixture.user("amy", "email")), "amy@example.com")
            XCTAssertEqual(try reopened.value(at: StoreFixture.user("bob", "email")), "robert@example.com")
            XCTAssertEqual(try reopened.value(at: StoreFixture.port), "8443")
            XCTAssertEqual(try reopened.publishExpectingRevision(user: "carol"), 1)
        }
    }

    /// Rejected by someone else while the author's candidate is open elsewhere (a shell):
    /// that candidate's publish keeps its own edits only, and the request's changes wait for
    /// the author's next candidate, lost by neither.
    func testARequestRejectedWhileItsAuthorEditsIsKeptForTheirNextCandidate() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let carol = try store.candidate(for: "carol")
            try carol.set([(StoreFixture.user("bob", "email"), "bob@example.com")])
            let request = try submit(carol, by: "carol")
            try carol.set([(StoreFixture.port, "8443")])
            XCTAssertEqual(try store.reject(request.id, by: "dave", source: "-c"), 1)
            XCTAssertEqual(try carol.publishExpectingRevision(user: "carol"), 1)
            XCTAssertNil(try store.published().value(at: StoreFixture.user("bob", "email")))
            let next = try store.candidate(for: "carol")
            XCTAssertEqual(try next.value(at: StoreFixture.user("bob", "email")), "bob@example.com")
            XCTAssertEqual(try next.status().pendingChanges, 1)
            XCTAssertEqual(try store.otherCandidates(than: "dave").map(\.user), ["carol"], "the request's own rows are gone")
        }
    }

    /// A request made on an old revision merges at approval like any publish: a conflict
    /// leaves it open.
    func testARequestThatConflictsStaysOpen() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open()
            let carol = try store.candidate(for: "carol")
            try carol.set([(StoreFixture.dnsName, "carol.example.com")])
            let request = try submit(carol, by: "carol")
            let dave = try store.scratchCandidate()
            try dave.set([(StoreFixture.dnsName, "dave.example.com")])
            _ = try dave.publishExpectingRevision(user: "dave")

            guard case .conflict = try store.approve(request.id, by: "dave", source: "-c") else { return XCTFail("expected a conflict") }
            XCTAssertEqual(try store.changeRequest(request.id).state, .open)
            XCTAssertEqual(try store.published().value(at: StoreFixture.dnsName), "dave.example.com")
        }
    }
}
