import Foundation
import PostgreSQLTesting
import XCTest

/// `dashell watch` (SPEC §12): each revision as it is published, one JSON document per line,
/// woken by the store (NOTIFY, the file's watch), on SQLite and on PostgreSQL alike.
final class WatchTests: XCTestCase {
    private let port = "manage-system distribution-services global-settings external-port"
    private let users = "manage-accounts-and-storage user-accounts user"

    override func tearDownWithError() throws {
        try TestCluster.ifStarted?.dropCreatedDatabases()
    }

    func testTwoPublishesElsewhereAppearAsTwoLinesWithTheirChanges() throws {
        try onEachStore { dashell in
            let watch = try dashell.start(["watch", "--from", "0"], tag: "watch")
            defer { Self.stop(watch) }
            try dashell.ok("set \(port) 8443; publish comment \"new port\"")
            try dashell.ok("set \(users) carol email carol@example.com; set \(users) dave; delete \(port); publish")
            let documents = try Self.documents(of: dashell, count: 2)

            XCTAssertEqual(documents.map { $0["revision"] as? Int }, [1, 2])
            XCTAssertEqual(documents[0]["user"] as? String, "tester")
            XCTAssertTrue(documents[0]["approver"] is NSNull)
            XCTAssertEqual(documents[0]["source"] as? String, "-c")
            XCTAssertEqual(documents[0]["comment"] as? String, "new port")
            XCTAssertTrue(documents[1]["comment"] is NSNull)
            XCTAssertNotNil((documents[0]["time"] as? String).flatMap(ISO8601DateFormatter().date(from:)))
            XCTAssertEqual(Self.changes(documents[0]), [#"["manage-system","distribution-services","global-settings","external-port"] null 8443"#])
            XCTAssertEqual(
                Self.changes(documents[1]),
                [
                    #"["manage-accounts-and-storage","user-accounts","user","carol"] null {}"#,
                    #"["manage-accounts-and-storage","user-accounts","user","carol","email"] null "carol@example.com""#,
                    #"["manage-accounts-and-storage","user-accounts","user","dave"] null {}"#,
                    #"["manage-system","distribution-services","global-settings","external-port"] 8443 null"#,
                ])
            XCTAssertEqual(dashell.output(of: "watch").err, "")
        }
    }

    func testWithoutFromItStartsAfterTheLatestRevision() throws {
        try onEachStore { dashell in
            try dashell.ok("set \(port) 8443; publish")
            let watch = try dashell.start(["watch"], tag: "watch")
            defer { Self.stop(watch) }
            Thread.sleep(forTimeInterval: 2)  // for it to start, as nothing tells when it has
            try dashell.ok("set \(port) 9443; publish")
            XCTAssertEqual(try Self.documents(of: dashell, count: 1).map { $0["revision"] as? Int }, [2])
        }
    }

    func testFromReplaysTheRevisionsAfterItThenContinuesLive() throws {
        try onEachStore { dashell in
            for value in [8441, 8442, 8443] { try dashell.ok("set \(port) \(value); publish") }
            let watch = try dashell.start(["watch", "--from", "1"], tag: "watch")
            defer { Self.stop(watch) }
            XCTAssertEqual(try Self.documents(of: dashell, count: 2).map { $0["revision"] as? Int }, [2, 3])
            try dashell.ok("set \(port) 8444; publish")
            XCTAssertEqual(try Self.documents(of: dashell, count: 3).map { $0["revision"] as? Int }, [2, 3, 4])
        }
    }

    /// A revision not published yet is a mistake (a `last` file of another store), not a
    /// wait for it; a negative one is a usage error.
    func testFromARevisionNotYetPublishedIsRefused() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(port) 8443; publish")
        let ahead = try dashell.run("watch", "--from", "2")
        XCTAssertEqual(ahead.status, 1)
        XCTAssertEqual(ahead.errors, "dashell: error: no revision 2; revisions are 0 to 1\n")
        XCTAssertEqual(ahead.output, "")
        XCTAssertEqual(try dashell.run("watch", "--from", "-1").status, 2)
    }

    func testARestartFromTheLastRevisionSeenNeitherMissesNorRepeats() throws {
        try onEachStore { dashell in
            let first = try dashell.start(["watch", "--from", "0"], tag: "first")
            try dashell.ok("set \(port) 8441; publish")
            try dashell.ok("set \(port) 8442; publish")
            let seen = try Self.documents(of: dashell, tag: "first", count: 2).compactMap { $0["revision"] as? Int }
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            // Published while nobody watched.
            try dashell.ok("set \(port) 8443; publish")

            let second = try dashell.start(["watch", "--from", String(seen.last!)], tag: "second")
            defer { Self.stop(second) }
            try dashell.ok("set \(port) 8444; publish")
            let after = try Self.documents(of: dashell, tag: "second", count: 2).compactMap { $0["revision"] as? Int }
            XCTAssertEqual(seen + after, [1, 2, 3, 4])
        }
    }

    func testSIGTERMExitsZeroAndSIGINTExits130() throws {
        try onEachStore { dashell in
            try dashell.ok("set \(port) 8443; publish")
            for (signal, status) in [(SIGTERM, Int32(0)), (SIGINT, 130)] {
                let watch = try dashell.start(["watch", "--from", "0"], tag: "watch")
                // Its first line says it is running, its signals caught.
                _ = try Self.documents(of: dashell, count: 1)
                kill(watch.processIdentifier, signal)
                watch.waitUntilExit()
                XCTAssertEqual(watch.terminationStatus, status, "signal \(signal)")
                XCTAssertEqual(watch.terminationReason, .exit)
            }
        }
    }

    func testSecretsAreMaskedAndValuesTypedAsInTheExport() throws {
        try onEachStore { dashell in
            let watch = try dashell.start(["watch", "--from", "0"], tag: "watch")
            defer { Self.stop(watch) }
            let email = "manage-system notification-channels email"
            try dashell.ok("set \(email) enabled true; set \(email) host smtp.example.com; set \(email) password s3cr3t-Pa55; publish")
            try dashell.ok("set \(email) password n3w-s3cr3t; publish")
            _ = try Self.documents(of: dashell, count: 2)
            let output = dashell.output(of: "watch").out
            XCTAssertFalse(output.contains("s3cr3t"), output)
            let lines = output.split(separator: "\n").map(String.init)
            XCTAssertTrue(lines[0].contains(#""enabled"],"old":null,"new":true}"#), lines[0])
            XCTAssertTrue(lines[0].contains(#""password"],"old":null,"new":"********"}"#), lines[0])
            XCTAssertTrue(lines[1].contains(#""password"],"old":"********","new":"********"}"#), lines[1])
        }
    }

    // MARK: Support

    /// Runs `body` on an SQLite store, then on a PostgreSQL one (`store init` done, used by
    /// the administrator `tester`).
    private func onEachStore(_ body: (Dashell) throws -> Void) throws {
        try body(try Dashell())
        let cluster = try TestCluster.shared()
        let database = try cluster.createDatabase()
        let initialized = try Dashell(store: cluster.uri(database: database)).run("store", "init")
        XCTAssertEqual(initialized.status, 0, initialized.errors)
        try cluster.execute(
            """
            DO $$ BEGIN
                CREATE ROLE tester LOGIN IN ROLE dashell_admin;
            EXCEPTION WHEN duplicate_object THEN
                NULL;
            END $$
            """)
        try body(try Dashell(store: cluster.uri(database: database, user: "tester")))
    }

    /// The first `count` documents the watcher `tag` printed, waiting for them.
    private static func documents(of dashell: Dashell, tag: String = "watch", count: Int) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(10)
        while true {
            let lines = dashell.output(of: tag).out.split(separator: "\n", omittingEmptySubsequences: false)
            // Complete lines only: the last piece is what follows the last line end.
            if lines.count - 1 >= count {
                return try lines.prefix(count).map { line in
                    try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
                }
            }
            guard Date() < deadline else {
                throw Timeout(description: "no \(count) lines from watch within 10 s: \(dashell.output(of: tag))")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    private struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    /// Each change as `PATH OLD NEW`, in JSON.
    private static func changes(_ document: [String: Any]) -> [String] {
        (document["changes"] as? [[String: Any]] ?? []).map { change in
            [change["path"] as Any, change["old"] as Any, change["new"] as Any].map(json).joined(separator: " ")
        }
    }

    private static func json(_ value: Any) -> String {
        if value is NSNull { return "null" }
        let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    private static func stop(_ process: Process) {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
