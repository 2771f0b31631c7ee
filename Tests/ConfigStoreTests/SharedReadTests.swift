import ConfigModel
import DigitalAccess
import XCTest

@testable import ConfigStore
@testable import ConfigStoreSQLite

/// The read an SQLite storage keeps open between a script's point reads (`SharedRead`): what
/// it showed holds only while nothing else touched the connection, and a command's edits are
/// based on what it read there.
final class SharedReadTests: XCTestCase {
    /// A script's reads share a snapshot; a command that reads a record from it and then
    /// deletes it must base the deletion on what it read, so that a change published in
    /// between is a conflict, not silently lost.
    func testAScriptRenamingAnEntryChangedSinceItsSnapshotConflicts() throws {
        let fixture = try StoreFixture(.sqlite)
        let store = try fixture.open()
        let setup = try store.scratchCandidate()
        try setup.set([(StoreFixture.user("dave", "email"), "dave@example.com")])
        _ = try setup.publishExpectingRevision()

        let script = try store.scratchCandidate()
        try script.set([(StoreFixture.user("erin", "email"), "erin@example.com")])  // opens its shared read
        let other = try fixture.open().candidate(for: "alice")  // another connection, as another process
        try other.set([(StoreFixture.user("dave", "email"), "d@example.com")])
        _ = try other.publishExpectingRevision()

        var renaming = script
        try renaming.rename(StoreFixture.user("dave", ""), to: "david")
        try script.commitCommand()
        guard case .conflict(let conflicts) = try script.publish(PublishMetadata(user: "script", source: "script", comment: nil)) else {
            return XCTFail("expected a conflict: the rename would drop alice's change")
        }
        XCTAssertEqual(conflicts.first?.path, "manage-accounts-and-storage user-accounts user dave")
        XCTAssertEqual(try store.published().value(at: StoreFixture.user("dave", "email")), "d@example.com")
    }

    func testAnyOtherAccessEndsTheSharedReadAndChangesItsEpoch() throws {
        let fixture = try StoreFixture(.sqlite)
        let store = try fixture.open()
        let storage = try XCTUnwrap(store.storage as? SQLiteStorage)
        let key = RecordKey(StoreFixture.user("dave", ""))
        let first = try storage.pointRead(key)
        XCTAssertNil(first.record)
        // Another connection publishes dave: the open read still shows him absent, and says
        // so by keeping its epoch.
        let other = try fixture.open().scratchCandidate()
        try other.set([(StoreFixture.user("dave", "email"), "dave@example.com")])
        _ = try other.publishExpectingRevision()
        let again = try storage.pointRead(key)
        XCTAssertNil(again.record)
        XCTAssertEqual(again.epoch, first.epoch)
        XCTAssertEqual(storage.readEpoch, first.epoch)
        // Any other access ends it: the epoch moves on and the next point read is current.
        XCTAssertNotNil(try storage.record(key))
        XCTAssertNotEqual(storage.readEpoch, first.epoch)
        let current = try storage.pointRead(key)
        XCTAssertNotNil(current.record)
        XCTAssertNotEqual(current.epoch, first.epoch)
    }
}
