import ConfigModel
import XCTest

@testable import ConfigStore

/// The signal a shell and a watcher wait on: readable once a publish of another process (a
/// second opening of the store) has committed, quiet again once drained.
final class RevisionSignalTests: StorageTestCase {
    func testAPublishElsewhereMakesTheSignalReadableUntilDrained() throws {
        try onEachStorage {
            let fixture = try StoreFixture(storage)
            let watching = try fixture.open(), publishing = try fixture.open()
            let signal = try watching.revisionSignal()
            XCTAssertFalse(Self.isReadable(signal, within: 0))

            let candidate = try publishing.scratchCandidate()
            try candidate.set([(StoreFixture.dnsName, "ag5.example.com")])
            XCTAssertEqual(try candidate.publishExpectingRevision(), 1)

            XCTAssertTrue(Self.isReadable(signal, within: 10))
            XCTAssertTrue(try signal.drain())
            XCTAssertFalse(Self.isReadable(signal, within: 0))
            XCTAssertEqual(try watching.latestRevision(), 1, "a woken reader sees the revision")
        }
    }

    func testARevisionIsReadBackByNumberAWindowAtATime() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open(spillThreshold: 2)
            let candidate = try store.scratchCandidate()
            try candidate.set((1...5).map { (StoreFixture.user("u\($0)", "email"), "u\($0)@example.com") })
            XCTAssertEqual(try candidate.publishExpectingRevision("five users"), 1)

            XCTAssertEqual(try store.revision(1)?.comment, "five users")
            XCTAssertNil(try store.revision(2))
            var windows: [[String]] = []
            try store.forEachChangeWindow(ofRevision: 1) { window in
                windows.append(window.changes.map { $0.key.description })
            }
            XCTAssertEqual(windows.map(\.count), [2, 2, 1])
            XCTAssertEqual(windows.joined().count, Set(windows.joined()).count, "no change twice")
        }
    }

    private static func isReadable(_ signal: any RevisionSignal, within seconds: Double) -> Bool {
        var descriptor = pollfd(fd: signal.fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, Int32(seconds * 1000)) == 1
    }
}
