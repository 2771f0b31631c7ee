import ConfigModel
import DigitalAccess
import Foundation
import GRDB
import XCTest

@testable import ConfigStore
@testable import ConfigStoreSQLite

final class StoreFileTests: XCTestCase {
    func testStoreIsCreatedPrivateInPrivateDirectories() throws {
        let fixture = try StoreFixture()
        _ = try fixture.open()
        XCTAssertEqual(try mode(fixture.path), 0o600)
        XCTAssertEqual(try mode(fixture.directory + "/data"), 0o700)
        XCTAssertFalse(StoreLocation.isReadableByOthers(fixture.path))
    }

    /// A missing directory is a mistyped location unless creating it was asked for.
    func testMissingDirectoryIsReportedAndNothingCreatedUnlessAsked() throws {
        let fixture = try StoreFixture()
        XCTAssertThrowsError(try SQLiteStorage(path: fixture.path)) { error in
            XCTAssertEqual(error as? StoreError, .noSuchDirectory(directory: fixture.directory + "/data", store: fixture.path))
            XCTAssertEqual("\(error)", "no such directory \(fixture.directory)/data; create it, or run `dashell --store \(fixture.path) store init`")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.directory + "/data"))
        let spaced = fixture.directory + "/it's here/store.sqlite"
        XCTAssertThrowsError(try SQLiteStorage(path: spaced)) { error in
            XCTAssertTrue("\(error)".hasSuffix("run `dashell --store '\(fixture.directory)/it'\\''s here/store.sqlite' store init`"), "\(error)")
        }
        XCTAssertTrue(try SQLiteStorage(path: fixture.path, creating: .fileAndDirectories).isNew)
        XCTAssertFalse(try SQLiteStorage(path: fixture.path).isNew, "an existing store opens without creating anything")
    }

    func testOnlyTheDefaultLocationCreatesItsDirectories() {
        let environment = ["XDG_DATA_HOME": "/x", "HOME": "/h"]
        XCTAssertEqual(StoreLocation.implicitCreation(at: "/x/dashell/store.sqlite", environment: environment), .fileAndDirectories)
        XCTAssertEqual(StoreLocation.implicitCreation(at: "/x/dashel/store.sqlite", environment: environment), .file)
    }

    func testDefaultLocationFollowsXDG() {
        XCTAssertEqual(StoreLocation.defaultPath(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]), "/x/dashell/store.sqlite")
        XCTAssertEqual(StoreLocation.defaultPath(environment: ["HOME": "/h"]), "/h/.local/share/dashell/store.sqlite")
    }

    func testStoreFromANewerFormatIsRefused() throws {
        let fixture = try StoreFixture()
        _ = try fixture.open()
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.write { try $0.execute(sql: "PRAGMA user_version = 99") }
        XCTAssertThrowsError(try fixture.open()) { error in
            XCTAssertTrue("\(error)".contains("format version 99"), "\(error)")
        }
    }

    func testDamagedFileIsReportedWithRecovery() throws {
        let fixture = try StoreFixture()
        try FileManager.default.createDirectory(atPath: fixture.directory + "/data", withIntermediateDirectories: true)
        try Data(repeating: 0xA5, count: 8192).write(to: URL(fileURLWithPath: fixture.path))
        XCTAssertThrowsError(try fixture.open()) { error in
            XCTAssertTrue(error is StoreError)
            XCTAssertTrue("\(error)".contains(fixture.path), "\(error)")
            XCTAssertTrue("\(error)".contains("export"), "\(error)")
        }
    }

    func testDirectoryThatCannotBeCreatedIsReported() throws {
        let fixture = try StoreFixture()
        let blocker = fixture.directory + "/file"
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker, contents: Data()))
        XCTAssertThrowsError(
            try SQLiteStore.open(
                at: blocker + "/sub/store.sqlite", schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all, creating: .fileAndDirectories)
        ) { error in
            XCTAssertTrue("\(error)".contains("file of that name is in the way"), "\(error)")
        }
    }

    func testStoreIsWALWithFullSynchronousWrites() throws {
        let fixture = try StoreFixture()
        let storage = try XCTUnwrap(try fixture.open().storage as? SQLiteStorage)
        XCTAssertEqual(try storage.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }, "wal")
        XCTAssertEqual(try storage.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }, 2, "FULL: an acknowledged publish survives a power loss")
        _ = try fixture.open()
    }

    /// A reader must never wait for a writer: opening a current store writes nothing.
    func testOpeningAStoreDoesNotWaitForAWriter() throws {
        let fixture = try StoreFixture()
        _ = try fixture.open()
        // Checkpoint and empty the WAL, as when the last connection closed.
        let holder = try DatabaseQueue(path: fixture.path)
        let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread {
            try? holder.inDatabase { db in
                _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                release.wait()
                try db.execute(sql: "COMMIT")
            }
            done.signal()
        }.start()
        locked.wait()
        defer {
            release.signal()
            done.wait()
        }
        let started = Date()
        let store = try SQLiteStore.open(at: fixture.path, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        XCTAssertEqual(try store.latestRevision(), 0)
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5, "opened without waiting for the write lock")
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
    }
}
