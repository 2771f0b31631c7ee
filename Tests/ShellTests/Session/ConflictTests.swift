import ConfigModel
import ConfigStore
import DigitalAccess
import Foundation
import ShellCore
import XCTest

/// Two sessions on one store publishing the same leaf: the second loses with a conflict
/// (exit 4) that names the path, publishes nothing, and keeps what its user typed.
final class ConflictTests: XCTestCase {
    private let port = "manage-system distribution-services global-settings external-port"
    private let dns = "manage-system distribution-services global-settings external-dns-name"

    private func session(_ store: RevisionedStore, user: String, mode: Session.Mode = .interactive, console: CapturingConsole = CapturingConsole()) throws
        -> Session
    {
        try Session(store: store, mode: mode, options: Session.Options(user: user), console: console, source: mode == .interactive ? "interactive" : "-c")
    }

    private func conflict(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> CommandError? {
        do {
            try body()
            XCTFail("publish succeeded", file: file, line: line)
            return nil
        } catch let error as CommandError {
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return nil
        }
    }

    func testTwoUsersEditingTheSameLeafConflict() throws {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let alice = try session(store, user: "alice")
        let bob = try session(store, user: "bob")
        try alice.execute(line: "set \(port) 8443")
        try alice.execute(line: "set \(dns) alice.example.com")
        try bob.execute(line: "set \(port) 9443")
        try bob.execute(line: "publish comment bob")
        XCTAssertEqual(try store.latestRevision(), 1)

        let error = try XCTUnwrap(conflict { try alice.execute(line: "publish comment alice") })
        XCTAssertEqual(error.code, .conflict)
        XCTAssertEqual(error.code.rawValue, 4)
        XCTAssertTrue(error.details.contains { $0.hasPrefix(port) }, "\(error.details)")
        XCTAssertFalse(error.details.contains { $0.hasPrefix(dns) }, "\(error.details)")
        XCTAssertEqual(try store.latestRevision(), 1, "nothing published")
        XCTAssertEqual(try store.published().value(at: ConfigPath(schemaWords: port.split(separator: " ").map(String.init))), "9443")

        // Nothing alice typed is lost: her candidate still holds both values, in a new session too.
        let again = try session(store, user: "alice")
        XCTAssertEqual(try again.candidate.value(at: ConfigPath(schemaWords: port.split(separator: " ").map(String.init))), "8443")
        let status = try again.candidate.status()
        XCTAssertEqual([status.baseRevision, status.latestRevision, status.pendingChanges], [0, 1, 2])
        XCTAssertTrue(status.isStale)

        // update keeps the published value on the conflicting leaf, the user's elsewhere; then publish works.
        try again.execute(line: "update")
        try again.execute(line: "publish")
        XCTAssertEqual(try store.latestRevision(), 2)
        XCTAssertEqual(try store.published().value(at: ConfigPath(schemaWords: port.split(separator: " ").map(String.init))), "9443")
        XCTAssertEqual(try store.published().value(at: ConfigPath(schemaWords: dns.split(separator: " ").map(String.init))), "alice.example.com")
    }

    func testPersistedCandidateLosesToAScriptThatDeletedTheEntry() throws {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let setUp = try session(store, user: "alice", mode: .script)
        try setUp.execute(line: "set manage-accounts-and-storage user-accounts user a display-name \"A A\"")
        try setUp.execute(line: "publish")
        let interactive = try session(store, user: "alice")
        try interactive.execute(line: "set manage-accounts-and-storage user-accounts user a email a@example.com")
        let script = try session(store, user: "alice", mode: .script)
        try script.execute(line: "delete manage-accounts-and-storage user-accounts user a")
        try script.execute(line: "publish")
        XCTAssertEqual(try store.latestRevision(), 2)

        let error = try XCTUnwrap(conflict { try interactive.execute(line: "publish") })
        XCTAssertEqual(error.code, .conflict)
        XCTAssertTrue(error.details.contains { $0.contains("manage-accounts-and-storage user-accounts user a") }, "\(error.details)")
        XCTAssertEqual(try store.latestRevision(), 2)
    }

    func testNewSiblingEntriesOnBothSidesAreNoConflict() throws {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let alice = try session(store, user: "alice")
        let bob = try session(store, user: "bob")
        try alice.execute(line: "set manage-accounts-and-storage user-accounts user a email a@example.com")
        try bob.execute(line: "set manage-accounts-and-storage user-accounts user b email b@example.com")
        try bob.execute(line: "publish")
        try alice.execute(line: "publish")
        XCTAssertEqual(try store.latestRevision(), 2)
        let users = try store.published().entries(of: ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user"]))
        XCTAssertEqual(users.map(\.key), ["a", "b"])
    }
}
