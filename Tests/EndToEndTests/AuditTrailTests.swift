import Foundation
import PostgreSQLTesting
import XCTest

/// The audit trail (SPEC §12) on both stores, as administrators meet it: `store init`, every
/// publish and every refusal appended with who, from where and why; nothing for a session
/// that only reads; `show audit` and `audit verify` for those with `view-logs`; and
/// `audit verify` naming the record that someone changed behind dashell's back.
final class AuditTrailTests: XCTestCase {
    private static let management = "manage-system delegated-management"
    /// root may do everything; helen changes existing users and publishes; rita changes
    /// them but may not publish (the predefined help-desk role); ada reads the logs.
    private static let team = """
        set \(management) role desk privilege help-desk-administration
        set \(management) role desk privilege publish
        set \(management) role auditors privilege view-logs
        set \(management) administrator root role super-administrator
        set \(management) administrator helen role desk
        set \(management) administrator rita role help-desk
        set \(management) administrator ada role auditors
        set \(P.users) user u1 email u1@example.com
        publish comment team
        """

    /// How a test runs dashell as a user on a store: `(user, arguments) -> result`.
    private typealias Run = (String, [String]) throws -> Dashell.Result

    /// The records `show audit` lists (as root, a super administrator), oldest first.
    private func records(_ run: Run, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let result = try run("root", ["--json", "-c", "show audit 1000"])
        XCTAssertEqual(result.status, 0, result.errors, file: file, line: line)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], file: file, line: line)
        return try XCTUnwrap(document["result"] as? [[String: Any]], file: file, line: line).reversed()
    }

    private func expect(_ result: Dashell.Result, _ status: Int32, _ message: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, status, "\(result.output)\(result.errors)", file: file, line: line)
        if let message { XCTAssertTrue(result.errors.contains(message), result.errors, file: file, line: line) }
    }

    /// Everything but tampering, on one store; returns the sequence number of helen's
    /// refused `set`, for the tamper test to change.
    private func checkTheTrail(_ run: Run, initializedBy owner: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        // `store init` is the first record.
        let initial = try records(run)
        XCTAssertEqual(initial.count, 1, "\(initial)", file: file, line: line)
        XCTAssertEqual(initial[0]["sequence"] as? Int, 1)
        XCTAssertEqual(initial[0]["action"] as? String, "store init")
        XCTAssertEqual(initial[0]["outcome"] as? String, "created")
        XCTAssertEqual(initial[0]["detail"] as? String, "format 2")
        XCTAssertEqual(initial[0]["user"] as? String, owner)
        XCTAssertNil(initial[0]["previous"] as? String)

        // A publish: who, from where, which revision, the digest of its changes.
        expect(try run("root", ["-c", Self.team]), 0)
        let publish = try XCTUnwrap(try records(run).last)
        XCTAssertEqual(publish["action"] as? String, "publish")
        XCTAssertEqual(publish["revision"] as? Int, 1)
        XCTAssertEqual(publish["outcome"] as? String, "published")
        XCTAssertEqual(publish["user"] as? String, "root")
        XCTAssertEqual(publish["login"] as? String, String(cString: getpwuid(getuid())!.pointee.pw_name))
        XCTAssertEqual(publish["source"] as? String, "-c")
        XCTAssertEqual((publish["digest"] as? String)?.count, 64)
        XCTAssertEqual(publish["previous"] as? String, initial[0]["hash"] as? String)
        XCTAssertFalse((publish["host"] as? String ?? "").isEmpty)
        let began = try XCTUnwrap(publish["session-began"] as? String), time = try XCTUnwrap(publish["time"] as? String)
        XCTAssertLessThanOrEqual(began, time, "a session begins before it publishes")

        // Sessions that only read write nothing, whoever runs them.
        let count = try records(run).count
        let script = NSTemporaryDirectory() + "dashell-audit-\(UUID().uuidString).dash"
        try "set \(P.dns) x.example.com\n".write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        for (user, arguments) in [
            ("helen", ["-c", "show; show published \(P.users); status; whoami; show history; compare"]), ("helen", ["export"]),
            ("nobody", ["-c", "show manage-system"]), ("ada", ["-c", "show audit"]), ("ada", ["audit", "verify"]),
            ("root", ["check", script]),
        ] {
            expect(try run(user, arguments), 0)
        }
        XCTAssertEqual(try records(run).count, count, "read-only sessions appended records")

        // Every refusal is appended: an edit, `show audit` and `audit verify` without
        // view-logs; and a publish without the privilege, which submits a change request
        // (recorded with the digest of its changes).
        expect(try run("helen", ["-c", "set \(P.port) 8443"]), 6, "needs the role super-administrator")
        expect(try run("helen", ["-c", "show audit"]), 6, "needs the privilege view-logs (helen has the role desk)")
        expect(try run("helen", ["audit", "verify"]), 6, "needs the privilege view-logs")
        let submitted = try run("rita", ["-c", "set \(P.users) user u1 email rita@example.com; publish"])
        expect(submitted, 0)
        XCTAssertTrue(submitted.output.contains("Submitted change request 1"), submitted.output)
        let refusals = Array(try records(run).dropFirst(count))
        XCTAssertEqual(refusals.map { $0["action"] as? String }, ["set", "show", "audit verify", "submit"])
        XCTAssertEqual(refusals.map { $0["outcome"] as? String }, ["refused", "refused", "refused", "submitted"])
        XCTAssertEqual(refusals.map { $0["user"] as? String }, ["helen", "helen", "helen", "rita"])
        XCTAssertEqual(refusals.map { $0["source"] as? String }, ["-c", "-c", "audit verify", "-c"])
        XCTAssertTrue((refusals[0]["detail"] as? String ?? "").contains("\(P.global): needs the role super-administrator"), "\(refusals[0])")
        XCTAssertNil(refusals[0]["digest"] as? String)
        XCTAssertEqual((refusals[3]["digest"] as? String)?.count, 64)
        XCTAssertNil(refusals[3]["revision"] as? Int)
        XCTAssertEqual(refusals[3]["request"] as? Int, 1)

        // `show audit N` lists the last N, newest first; a human line per record.
        let lines = try run("ada", ["-c", "show audit 2"])
        expect(lines, 0)
        XCTAssertEqual(lines.outputLines.count, 2, lines.output)
        XCTAssertTrue(lines.outputLines[0].hasPrefix("\(count + 4)  "), lines.output)
        XCTAssertTrue(lines.outputLines[0].contains("  rita"), lines.output)
        XCTAssertTrue(lines.outputLines[0].contains("  submit request 1  submitted  sha256:"), lines.output)
        XCTAssertTrue(lines.outputLines[1].contains("  audit verify  audit verify  refused  "), lines.output)

        let verified = try run("ada", ["audit", "verify"])
        expect(verified, 0)
        XCTAssertTrue(verified.output.hasPrefix("audit trail verified: \(count + 4) records; the last hash is "), verified.output)
        return count + 1
    }

    /// `audit verify` after `tamper` changed record `sequence`: exit 5 naming it.
    private func checkTamperingShows(_ run: Run, record sequence: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try run("ada", ["audit", "verify"])
        expect(result, 5, "audit record \(sequence) does not match", file: file, line: line)
        XCTAssertTrue(result.errors.contains("(records 1 to \(sequence - 1) match)"), result.errors, file: file, line: line)
        let json = try run("ada", ["--json", "audit", "verify"])
        XCTAssertEqual(json.status, 5, file: file, line: line)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], file: file, line: line)
        XCTAssertEqual(value(document, "error", "record") as? Int, sequence, json.output, file: file, line: line)
        XCTAssertEqual(value(document, "error", "name") as? String, "store-unavailable", file: file, line: line)
    }

    func testTheAuditTrailOnSQLite() throws {
        let dashell = try Dashell()
        let run: Run = { user, arguments in try dashell.run(["--store", dashell.store, "--user", user] + arguments, withStore: false) }
        let refused = try checkTheTrail(run, initializedBy: "tester")

        // Whoever can write the file can change it, once the trigger that stops mistakes is
        // dropped: one byte of helen's name.
        let mistake = try sqlite(dashell.store, "DELETE FROM audit")
        XCTAssertNotEqual(mistake.status, 0)
        XCTAssertTrue(mistake.errors.contains("the audit trail is append-only"), mistake.errors)
        let tamper = try sqlite(dashell.store, "DROP TRIGGER audit_no_update; UPDATE audit SET user = 'helem' WHERE sequence = \(refused)")
        XCTAssertEqual(tamper.status, 0, tamper.errors)
        try checkTamperingShows(run, record: refused)
    }

    func testTheAuditTrailOnPostgreSQL() throws {
        let cluster = try TestCluster.shared()
        let database = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(database) }
        XCTAssertEqual(try Dashell(store: cluster.uri(database: database)).run("store", "init").status, 0)
        for user in ["root", "helen", "rita", "ada", "nobody"] {
            try cluster.createAdministrator(user)
        }
        let run: Run = { user, arguments in
            let dashell = try Dashell(store: cluster.uri(database: database, user: user))
            return try dashell.run(["--store", dashell.store] + arguments, withStore: false)
        }
        let refused = try checkTheTrail(run, initializedBy: TestCluster.superuser)

        // The server knows who connected: a `--user` of someone else is refused, and recorded
        // under the role that asked.
        expect(try run("helen", ["--user", "root", "-c", "show"]), 6, "--user root is not helen")
        let connect = try XCTUnwrap(try records(run).last)
        XCTAssertEqual(connect["action"] as? String, "connect")
        XCTAssertEqual(connect["user"] as? String, "helen")

        // Only the owner can change a record, and only by disabling the trigger first.
        XCTAssertThrowsError(try cluster.execute("DELETE FROM dashell.audit", in: database)) { XCTAssertTrue("\($0)".contains("append-only"), "\($0)") }
        try cluster.execute(
            """
            ALTER TABLE dashell.audit DISABLE TRIGGER audit_append_only;
            UPDATE dashell.audit SET user_name = 'helem' WHERE sequence = \(refused);
            ALTER TABLE dashell.audit ENABLE TRIGGER audit_append_only;
            """, in: database)
        try checkTamperingShows(run, record: refused)
    }

    /// A store made before the audit trail (format 1) is brought to format 2 by `store init`,
    /// which is recorded as the trail's first record; its history stays.
    func testStoreInitUpgradesAnSQLiteStoreOfFormat1() throws {
        let dashell = try Dashell(existingStore: false)
        let created = try sqlite(
            dashell.store,
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE record (key TEXT PRIMARY KEY, leaves TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE reference (target TEXT NOT NULL, source TEXT NOT NULL, leaf TEXT NOT NULL, PRIMARY KEY (target, source, leaf)) WITHOUT ROWID;
            CREATE TABLE revision (id INTEGER PRIMARY KEY, user TEXT NOT NULL, time REAL NOT NULL, source TEXT NOT NULL, comment TEXT, changes INTEGER NOT NULL);
            CREATE TABLE change (revision INTEGER NOT NULL, key TEXT NOT NULL, old TEXT, new TEXT, PRIMARY KEY (revision, key)) WITHOUT ROWID;
            CREATE TABLE candidate (user TEXT PRIMARY KEY, base INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE candidate_record (user TEXT NOT NULL, key TEXT NOT NULL, base TEXT, new TEXT, PRIMARY KEY (user, key)) WITHOUT ROWID;
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('v1');
            INSERT INTO revision VALUES (1, 'alice', 1700000000, '-c', NULL, 0);
            PRAGMA user_version = 1;
            """)
        XCTAssertEqual(created.status, 0, created.errors)
        XCTAssertEqual(chmod(dashell.store, 0o600), 0)
        let upgraded = try dashell.run("store", "init")
        XCTAssertEqual(upgraded.status, 0, upgraded.errors)
        XCTAssertEqual(upgraded.errors, "dashell: upgraded the store at \(dashell.store) from format 1 to 2\n")
        XCTAssertEqual(try dashell.revisionCount(), 1)
        let trail = try dashell.run("-c", "show audit")
        XCTAssertEqual(trail.status, 0, trail.errors)
        XCTAssertEqual(trail.outputLines.count, 1, trail.output)
        XCTAssertTrue(trail.output.contains("  store init  store init  upgraded  \"format 1 to 2\""), trail.output)
        let again = try dashell.run("store", "init")
        XCTAssertTrue(again.errors.hasSuffix("left as it is\n"), again.errors)
        XCTAssertEqual(try dashell.run("audit", "verify").output, "audit trail verified: 2 records; the last hash is \(try lastHash(dashell))\n")
    }

    private func lastHash(_ dashell: Dashell) throws -> String {
        let result = try dashell.run("--json", "-c", "show audit 1")
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        return try XCTUnwrap((document["result"] as? [[String: Any]])?.first?["hash"] as? String)
    }

    /// Runs `sqlite3` on the store's file, as its owner could.
    private func sqlite(_ store: String, _ sql: String) throws -> Dashell.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", store]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data((sql + "\n").utf8))
        try input.fileHandleForWriting.close()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Dashell.Result(status: process.terminationStatus, output: "", errors: String(decoding: message, as: UTF8.self))
    }
}
