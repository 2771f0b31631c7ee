import Foundation
import PostgreSQLTesting
import XCTest

/// `publish confirmed DURATION` and `confirm` (SPEC §6), through the binary, on an SQLite
/// store and a PostgreSQL one: the revert is published by the timer the publish leaves
/// behind, after the shell has exited, or by the next command when that timer was killed;
/// `confirm` and a later publish by the same administrator keep the publish; a newer
/// conflicting publish by someone else makes the revert a reported conflict.
final class AutoRevertTests: XCTestCase {
    /// One store, used by administrators alice and bob.
    private struct Store {
        let dashell: Dashell
        /// What the store's location holds whoever uses it: the file, or the database's name.
        let marker: String
        /// The `--store` location each administrator uses, and the options naming them.
        let arguments: (String) -> [String]

        @discardableResult
        func run(_ user: String, _ commands: String, extra: [String] = []) throws -> Dashell.Result {
            try dashell.run(arguments(user) + extra + ["-c", commands], withStore: false)
        }

        @discardableResult
        func ok(_ user: String, _ commands: String, file: StaticString = #filePath, line: UInt = #line) throws -> Dashell.Result {
            let result = try run(user, commands)
            XCTAssertEqual(result.status, 0, "\(commands) on \(dashell.store): \(result.errors)", file: file, line: line)
            return result
        }

        /// The published external port.
        func port() throws -> String { try ok("bob", "show \(P.port)").output }

        /// The newest revision, as `show history 1` prints it.
        func latest() throws -> String { try ok("bob", "show history 1").output }
    }

    private var cluster: TestCluster?

    /// The duration of each confirmed publish: time enough, on a loaded machine, for the
    /// steps a test takes before the deadline (a confirm, someone else's publish, starting a
    /// watcher); no test waits for it to pass but by polling.
    private static let window = "6s"

    override func tearDownWithError() throws {
        try cluster?.dropCreatedDatabases()
    }

    /// An SQLite store, then a PostgreSQL one on which alice and bob are login roles of
    /// `dashell_admin`; each with port 8443 published as revision 1.
    private func onEachStore(_ body: (Store) throws -> Void) throws {
        let sqlite = try Dashell()
        try body(try published(Store(dashell: sqlite, marker: sqlite.store) { ["--store", sqlite.store, "--user", $0] }))

        let cluster = try TestCluster.shared()
        self.cluster = cluster
        let database = try cluster.createDatabase()
        let owner = try Dashell(store: cluster.uri(database: database))
        XCTAssertEqual(try owner.run(["--store", owner.store, "store", "init"], withStore: false).status, 0)
        for user in ["alice", "bob"] {
            try cluster.createAdministrator(user)
        }
        try body(try published(Store(dashell: owner, marker: database) { ["--store", cluster.uri(database: database, user: $0)] }))
    }

    private func published(_ store: Store) throws -> Store {
        try store.ok("alice", "set \(P.port) 8443; publish")
        return store
    }

    func testAnUnconfirmedPublishIsRevertedByItsTimerAfterTheShellExited() throws {
        try onEachStore { store in
            let published = try store.ok("alice", "set \(P.port) 9443; publish confirmed \(Self.window) comment risky")
            XCTAssertTrue(published.output.contains("Confirm by "), published.output)
            let status = try store.ok("bob", "status")
            XCTAssertTrue(status.output.contains("revision 2 by alice, else reverted to revision 1"), status.output)
            // As the store's owner on PostgreSQL: `watch` only reads.
            let watch = try store.dashell.start(["watch"], tag: "watch")
            defer { watch.terminate() }
            try store.ok("bob", "set \(P.dns) bob.example.com; publish")

            try eventually("the revert in watch's output") { store.dashell.output(of: "watch").out.contains("\"auto-revert\"") }
            XCTAssertEqual(try store.port(), "external-port 8443\n")
            XCTAssertEqual(try store.ok("bob", "show \(P.dns)").output, "external-dns-name bob.example.com\n", "others' changes stay")
            let revert = try store.latest()
            XCTAssertTrue(revert.hasPrefix("4  "), revert)
            XCTAssertTrue(revert.contains("  alice  auto-revert  1 change"), revert)
            XCTAssertFalse(try store.ok("bob", "status").output.contains("confirm by"))
            let line = try XCTUnwrap(store.dashell.output(of: "watch").out.split(separator: "\n").last)
            XCTAssertTrue(line.hasPrefix("{\"revision\":4,\"user\":\"alice\","), String(line))
            XCTAssertFalse(store.dashell.output(of: "watch").err.contains("not confirmed"), "the watcher did not revert")
        }
    }

    func testTheNextCommandRevertsWhenTheTimerWasKilled() throws {
        try onEachStore { store in
            try store.ok("alice", "set \(P.port) 9443; publish confirmed \(Self.window)")
            let timer = try XCTUnwrap(try timerProcess(of: store.marker), "no timer process")
            XCTAssertEqual(kill(timer, SIGKILL), 0)

            var triggered: Dashell.Result?
            try eventually("a command that reverts") {
                let show = try store.ok("bob", "show \(P.port)")
                if show.errors.contains("not confirmed") { triggered = show }
                return triggered != nil
            }
            let message = try XCTUnwrap(triggered).errors
            XCTAssertTrue(message.contains("dashell: revision 2 by alice was not confirmed by "), message)
            XCTAssertTrue(message.contains("published revision 3 (auto-revert, 1 change), restoring revision 1"), message)
            XCTAssertEqual(triggered?.output, "external-port 8443\n")
            XCTAssertTrue(try store.latest().contains("  alice  auto-revert  "), "recorded under the publisher, not bob")
            XCTAssertEqual(try store.ok("bob", "show history").outputLines.count, 3, "reverted once")
        }
    }

    func testConfirmInTimeKeepsThePublish() throws {
        try onEachStore { store in
            try store.ok("alice", "set \(P.port) 9443; publish confirmed \(Self.window)")
            let timer = try XCTUnwrap(try timerProcess(of: store.marker))
            XCTAssertEqual(try store.ok("alice", "confirm").output, "Revision 2 confirmed\n")
            XCTAssertEqual(try store.run("alice", "confirm").status, 1, "nothing left to confirm")
            try eventually("the timer to end") { hasEnded(timer) }
            XCTAssertEqual(try store.port(), "external-port 9443\n")
            XCTAssertTrue(try store.latest().hasPrefix("2  "))
        }
    }

    func testALaterPublishByTheSameAdministratorConfirms() throws {
        try onEachStore { store in
            try store.ok("alice", "set \(P.port) 9443; publish confirmed \(Self.window)")
            let timer = try XCTUnwrap(try timerProcess(of: store.marker))
            try store.ok("alice", "set \(P.dns) alice.example.com; publish")
            XCTAssertFalse(try store.ok("alice", "status").output.contains("confirm by"))
            try eventually("the timer to end") { hasEnded(timer) }
            XCTAssertEqual(try store.port(), "external-port 9443\n")
            XCTAssertTrue(try store.latest().hasPrefix("3  "))
        }
    }

    func testAConflictingPublishByAnotherMakesTheRevertAReportedConflict() throws {
        try onEachStore { store in
            try store.ok("alice", "set \(P.port) 9443; publish confirmed \(Self.window)")
            let timer = try XCTUnwrap(try timerProcess(of: store.marker))
            try store.ok("bob", "set \(P.port) 1000; publish")
            try eventually("the timer to end") { hasEnded(timer) }

            XCTAssertEqual(try store.port(), "external-port 1000\n", "nothing overwritten")
            XCTAssertTrue(try store.latest().hasPrefix("3  "), "nothing published")
            let status = try store.ok("bob", "status").output
            XCTAssertTrue(status.contains("revert failed    revision 2 by alice is still published: conflict with a newer revision"), status)
            XCTAssertTrue(status.contains("external-port: yours 8443, published 1000 in revision 3 by bob"), status)
            let json = try store.run("bob", "status", extra: ["--json"]).output
            XCTAssertTrue(json.contains("\"confirmations\":[{\"revision\":2,\"user\":\"alice\","), json)
            XCTAssertTrue(try store.ok("alice", "confirm").output.hasPrefix("Cleared the report of the failed revert of revision 2"))
            XCTAssertFalse(try store.ok("bob", "status").output.contains("revert failed"))
        }
    }

    func testABadDurationIsNamedAndPublishesNothing() throws {
        let dashell = try Dashell()
        for (duration, message) in [
            ("5x", "bad duration '5x': give minutes (10), or a whole number with s, m or h (90s, 10m, 1h)"),
            ("0", "bad duration '0'"), ("169h", "bad duration '169h': at most 7 days"),
        ] {
            let result = try dashell.fails("set \(P.port) 9443; publish confirmed \(duration)")
            XCTAssertTrue(result.errors.contains(message), result.errors)
        }
        XCTAssertTrue(try dashell.fails("publish confirmed").errors.contains("confirmed needs a duration"))
        XCTAssertEqual(try dashell.revisionCount(), 0)
    }

    // MARK: The timer process

    /// The detached timer of the confirmed publish on the store whose location holds
    /// `marker`, found by its command line.
    private func timerProcess(of marker: String) throws -> pid_t? {
        var found: pid_t?
        try eventually("the timer process") {
            found = try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap(Int32.init).first { pid in
                guard let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
                let words = String(decoding: line, as: UTF8.self).split(separator: "\0").map(String.init)
                return words.contains("revert-timer") && words.contains("--detached") && words.contains { $0.contains(marker) }
                    && !hasEnded(pid)
            }
            return found != nil
        }
        return found
    }

    /// Whether `pid` has exited: gone, or a zombie nobody reaped (a container's first
    /// process may not reap orphans).
    private func hasEnded(_ pid: pid_t) -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return true }
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return true }
        return text[text.index(close, offsetBy: 2)] == "Z"
    }

    /// Polls `condition` until it holds; a minute at most, however loaded the machine.
    private func eventually(_ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while try !condition() {
            guard Date() < deadline else { return XCTFail("timed out waiting for \(what)") }
            usleep(100_000)
        }
    }
}
