import Foundation
import PostgreSQLTesting
import XCTest

/// Delegated management enforced (SPEC §11), on both stores: on SQLite the user is `--user`;
/// on PostgreSQL it is the login role the server authenticated.
final class PrivilegeTests: XCTestCase {
    private static let management = "manage-system delegated-management"
    /// root may do everything; helen changes existing users; uma manages accounts; rita
    /// may change users' settings but not publish (the predefined help-desk role); nobody is
    /// not an administrator.
    private static let team = """
        set \(management) role desk privilege help-desk-administration
        set \(management) role desk privilege publish
        set \(management) role accounts privilege user-account-management
        set \(management) role accounts privilege publish
        set \(management) administrator root role super-administrator
        set \(management) administrator helen role desk
        set \(management) administrator uma role accounts
        set \(management) administrator rita role help-desk
        set \(P.users) user u1 email u1@example.com
        publish
        """

    /// The same checks on a store, as each user.
    private func checkEachPrivilege(_ run: (String, String) throws -> Dashell.Result) throws {
        func expect(_ user: String, _ commands: String, _ status: Int32, _ message: String? = nil, line: UInt = #line) throws {
            let result = try run(user, commands)
            XCTAssertEqual(result.status, status, "\(user): \(commands)\n\(result.output)\(result.errors)", line: line)
            if let message { XCTAssertTrue(result.errors.contains(message), "\(user): \(result.errors)", line: line) }
        }
        XCTAssertEqual(try run("root", Self.team).status, 0)
        let desk = "needs the privilege help-desk-administration or user-account-management"
        let accounts = "needs the privilege user-account-management"
        let system = "needs the role super-administrator"

        try expect("helen", "set \(P.users) user u1 email helen@example.com; delete \(P.users) user u1 cell-phone; publish", 0)
        try expect("helen", "set \(P.users) user u2 email u2@example.com", 6, "\(P.users) user u2: \(accounts) (helen has the role desk)")
        try expect("helen", "delete \(P.users) user u1", 6, "\(P.users) user u1: \(accounts)")
        try expect("helen", "rename \(P.users) user u1 u9", 6, accounts)
        try expect("helen", "set \(P.port) 8443", 6, "\(P.global): \(system)")
        try expect("helen", "set manage-accounts-and-storage self-service personal-mobile-provisioning enabled true", 6, accounts)

        try expect("uma", "set \(P.users) user u2 email u2@example.com; rename \(P.users) user u2 u3; publish", 0)
        try expect("uma", "delete \(P.users) user u3; set manage-accounts-and-storage self-service personal-mobile-provisioning enabled true; publish", 0)
        try expect("uma", "set \(Self.management) administrator uma role super-administrator", 6, system)

        // Without publish, a publish is a change request for someone who has it.
        let submitted = try run("rita", "set \(P.users) user u1 email rita@example.com; publish")
        XCTAssertEqual(submitted.status, 0, submitted.errors)
        XCTAssertTrue(submitted.output.contains("Submitted change request 1 (1 change) for approval"), submitted.output)
        try expect("nobody", "set \(P.users) user u1 email x@example.com", 6, "(nobody is not an administrator)")
        try expect("nobody", "show \(P.users) user u1 email", 0)
        try expect("root", "set \(P.port) 8443; set \(Self.management) role desk description \"Help desk\"; publish", 0)

        // A refused command is undone, and nothing of the script is published.
        let published = try run("root", "show published \(P.users)").output
        try expect("helen", "set \(P.users) user u1 email changed@example.com\nset \(P.users) user u5 email u5@example.com\npublish", 6, "<command-line>:2:")
        XCTAssertEqual(try run("root", "show published \(P.users)").output, published)
        XCTAssertTrue(published.contains("helen@example.com"), published)
    }

    func testEachPrivilegeAllowsWhatItSaysOnSQLite() throws {
        let dashell = try Dashell()
        try checkEachPrivilege { user, commands in try dashell.run(["--store", dashell.store, "--user", user, "-c", commands], withStore: false) }
    }

    func testEachPrivilegeAllowsWhatItSaysOnPostgreSQL() throws {
        let cluster = try TestCluster.shared()
        let database = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(database) }
        XCTAssertEqual(try Dashell(store: cluster.uri(database: database)).run("store", "init").status, 0)
        for user in ["root", "helen", "uma", "rita", "nobody"] {
            try cluster.createAdministrator(user)
        }
        try checkEachPrivilege { user, commands in
            let dashell = try Dashell(store: cluster.uri(database: database, user: user))
            return try dashell.run(["--store", dashell.store, "-c", commands], withStore: false)
        }
    }

    /// The server knows who connected: another `--user` is refused.
    func testAUserOtherThanTheServersRoleIsRefused() throws {
        let cluster = try TestCluster.shared()
        let database = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(database) }
        let owner = try Dashell(store: cluster.uri(database: database))
        XCTAssertEqual(try owner.run("store", "init").status, 0)
        let result = try owner.run(["--store", owner.store, "--user", "mallory", "-c", "show"], withStore: false)
        XCTAssertEqual(result.status, 6, result.errors)
        XCTAssertTrue(result.errors.contains("--user mallory is not \(TestCluster.superuser), the role the server authenticated"), result.errors)
    }

    /// Privileges are those published when the publish happens: helen's role loses
    /// help-desk-administration while her script waits, and her publish is refused.
    func testAPrivilegeWithdrawnAfterTheEditIsEnforcedAtPublish() throws {
        let dashell = try Dashell()
        let root = ["--store", dashell.store, "--user", "root", "-c"]
        XCTAssertEqual(try dashell.run(root + [Self.team], withStore: false).status, 0)
        let fifo = try dashell.makeFIFO("hold")
        defer { unlink(fifo) }
        let script = try dashell.write("helen.dash", "set \(P.users) user u1 email late@example.com\nsource hold\npublish\n")
        let helen = try dashell.start(["--user", "helen", script], tag: "helen")
        let descriptor = try dashell.waitForReader(fifo, of: helen)
        let demote = try dashell.run(root + ["delete \(Self.management) role desk privilege help-desk-administration; publish"], withStore: false)
        XCTAssertEqual(demote.status, 0, demote.errors)
        close(descriptor)
        helen.waitUntilExit()
        let (out, err) = dashell.output(of: "helen")
        XCTAssertEqual(helen.terminationStatus, 6, out + err)
        XCTAssertTrue(err.contains("helen.dash:3:1: error: permission denied: \(P.users) user u1: needs the privilege"), err)
        XCTAssertFalse(try dashell.run(root + ["show published \(P.users)"], withStore: false).output.contains("late@"))
    }

    func testWhoamiSaysWhoAndWhatTheyMayDo() throws {
        let dashell = try Dashell()
        let before = try dashell.run(["--store", dashell.store, "--user", "root", "-c", "whoami"], withStore: false)
        XCTAssertEqual(before.outputLines, ["user           root", "store          \(dashell.store)", "administrator  none yet: everyone may do everything"])
        XCTAssertEqual(try dashell.run(["--store", dashell.store, "--user", "root", "-c", Self.team], withStore: false).status, 0)
        let helen = try dashell.run(["--store", dashell.store, "--user", "helen", "--json", "-c", "whoami"], withStore: false)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(helen.output.utf8)) as? [String: Any])
        XCTAssertEqual(value(document, "result", "role") as? String, "desk", helen.output)
        XCTAssertEqual(value(document, "result", "privileges") as? String, "help-desk-administration publish", helen.output)
        let nobody = try dashell.run(["--store", dashell.store, "--user", "nobody", "-c", "whoami"], withStore: false)
        XCTAssertTrue(nobody.output.contains("administrator  no: nobody may read, not change"), nobody.output)
    }
}
