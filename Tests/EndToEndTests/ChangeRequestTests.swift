import Foundation
import PostgreSQLTesting
import XCTest

/// Change requests (SPEC §11, §12) on both stores: who may not publish alone submits, a
/// second administrator approves, and what is published is what was submitted.
final class ChangeRequestTests: XCTestCase {
    private static let management = "manage-system delegated-management"
    /// root may do everything; carol manages accounts but may not publish; dave may publish
    /// and manage accounts; erin may change users' settings but not publish (help-desk).
    private static let team = """
        set \(management) role accounts privilege user-account-management
        set \(management) role approvers privilege user-account-management
        set \(management) role approvers privilege publish
        set \(management) administrator root role super-administrator
        set \(management) administrator carol role accounts
        set \(management) administrator dave role approvers
        set \(management) administrator erin role help-desk
        publish
        """

    /// A store to run the walk-through on: `run(user, commands)`, and `tamper(sql)` as
    /// whoever owns the store's data, on the candidate rows where requests keep their edits.
    private struct Store {
        let run: (String, String) throws -> Dashell.Result
        let tamper: (String) throws -> Void
    }

    private func walkThrough(_ store: Store) throws {
        func expect(_ user: String, _ commands: String, _ status: Int32, _ text: String? = nil, line: UInt = #line) throws -> Dashell.Result {
            let result = try store.run(user, commands)
            XCTAssertEqual(result.status, status, "\(user): \(commands)\n\(result.output)\(result.errors)", line: line)
            if let text { XCTAssertTrue((result.output + result.errors).contains(text), "\(user): \(result.output)\(result.errors)", line: line) }
            return result
        }
        _ = try expect("root", Self.team, 0)

        // carol may not publish: her publish submits a request, and nothing is published.
        _ = try expect(
            "carol", "set \(P.users) user u7 email u7@example.com; publish comment \"new starter\"", 0,
            "Submitted change request 1 (1 change) for approval")
        XCTAssertEqual(try expect("root", "show published \(P.users)", 0).output, "")
        let listed = try expect("dave", "show requests", 0).outputLines
        XCTAssertEqual(listed.count, 1)
        XCTAssertTrue(listed[0].hasPrefix("1  carol  "), listed[0])
        XCTAssertTrue(listed[0].hasSuffix("  1 change  \"new starter\""), listed[0])
        XCTAssertEqual(try expect("dave", "compare request 1", 0).outputLines, ["+ \(P.users) user u7", "+   email u7@example.com"])

        // Never approved by its author, nor by someone without publish.
        _ = try expect("carol", "approve request 1", 6, "carol submitted it")
        _ = try expect("erin", "approve request 1", 6, "needs the privilege publish (erin has the role help-desk)")
        _ = try expect("dave", "approve request 1", 0, "Published revision 2 (1 change)")
        let history = try expect("root", "show history 1", 0).output
        XCTAssertTrue(history.contains("  carol (approved by dave)  request 1  1 change  \"new starter\""), history)
        XCTAssertTrue(try expect("root", "show published \(P.users) user u7 email", 0).output.contains("u7@example.com"))
        _ = try expect("dave", "approve request 1", 1, "request 1 is closed: approved by dave as revision 2")
        _ = try expect("dave", "approve request 99", 1, "<command-line>:1:17: error: no change request 99; show requests lists the open ones")

        // Withdrawn by its author, who may reject their own.
        _ = try expect("carol", "set \(P.users) user u8 email u8@example.com; publish", 0, "Submitted change request 2")
        _ = try expect("carol", "reject request 2", 0, "its changes go back to carol's candidate")
        _ = try expect("dave", "show requests", 0, "no open change requests")

        // What was submitted cannot change before it is approved.
        _ = try expect("carol", "set \(P.users) user u9 email u9@example.com; publish", 0, "Submitted change request 3")

        // status says what waits for approval.
        let status = try expect("dave", "status", 0).outputLines
        XCTAssertEqual(Array(status.suffix(2)).map { String($0.prefix(10)) }, ["open chang", "  3  carol"], "\(status)")
        try store.tamper("u9@example.com")
        _ = try expect("dave", "approve request 3", 5, "request 3's changes no longer match the SHA-256 recorded when it was submitted")
        XCTAssertFalse(try expect("root", "show published \(P.users)", 0).output.contains("u9"))
        _ = try expect("carol", "reject request 3", 0)

        // The author's privileges are those published at approval.
        _ = try expect("carol", "set \(P.users) user u10 email u10@example.com; publish", 0, "Submitted change request 4")
        _ = try expect("root", "delete \(Self.management) role accounts privilege user-account-management; publish", 0)
        _ = try expect("dave", "approve request 4", 6, "\(P.users) user u10: needs the privilege user-account-management (carol has the role accounts)")

        // Under require-approval even a super administrator's publish is a request.
        _ = try expect("root", "set \(Self.management) require-approval true; publish", 0, "Published revision")
        _ = try expect("root", "set \(P.port) 8443; publish", 0, "Submitted change request 5")
        _ = try expect("dave", "reject request 5", 0, "go back to root's candidate")

        // Each request's life is in the audit trail, and the chain holds.
        let audit = try expect("root", "show audit 100", 0).outputLines
        XCTAssertTrue(audit.contains { $0.contains("  carol") && $0.contains("  -c  submit request 1  submitted  sha256:") }, "\(audit)")
        XCTAssertTrue(audit.contains { $0.contains("  dave") && $0.contains("  -c  approve revision 2 request 1  published  sha256:") }, "\(audit)")
        XCTAssertTrue(audit.contains { $0.contains("  carol") && $0.contains("  approve  refused  ") }, "\(audit)")
        XCTAssertTrue(audit.contains { $0.contains("  carol") && $0.contains("  reject request 2  rejected  ") }, "\(audit)")
    }

    func testChangeRequestsOnSQLite() throws {
        let dashell = try Dashell()
        try walkThrough(
            Store(
                run: { user, commands in try dashell.run(["--store", dashell.store, "--user", user, "-c", commands], withStore: false) },
                tamper: { text in
                    let sqlite = Process()
                    sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    let sql = "UPDATE candidate_record SET new = replace(new, '\(text)', 'evil@example.com') WHERE user LIKE '%request%'"
                    sqlite.arguments = ["sqlite3", dashell.store, sql]
                    try sqlite.run()
                    sqlite.waitUntilExit()
                    XCTAssertEqual(sqlite.terminationStatus, 0)
                }))
    }

    func testChangeRequestsOnPostgreSQL() throws {
        let cluster = try TestCluster.shared()
        let database = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(database) }
        XCTAssertEqual(try Dashell(store: cluster.uri(database: database)).run("store", "init").status, 0)
        for user in ["root", "carol", "dave", "erin"] {
            try cluster.createAdministrator(user)
        }
        try walkThrough(
            Store(
                run: { user, commands in
                    let dashell = try Dashell(store: cluster.uri(database: database, user: user))
                    return try dashell.run(["--store", dashell.store, "-c", commands], withStore: false)
                },
                tamper: { text in
                    try cluster.execute(
                        "UPDATE dashell.candidate_record SET new = replace(new, '\(text)', 'evil@example.com') WHERE user_name LIKE '%request%'",
                        in: database)
                }))
    }
}
