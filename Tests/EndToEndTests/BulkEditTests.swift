import Foundation
import PostgreSQLTesting
import XCTest

/// A key written as a pattern (SPEC §5): `set`, `delete` and `show` act on each existing
/// entry it matches and say how many; nothing matching is exit 1; a literal key keeps its
/// meaning. The same on both stores.
final class BulkEditTests: XCTestCase {
    private static let seed =
        ["alice", "anna", "bob", "contractor-1", "contractor-2", "contractor-3", "test-1", "test-2"]
        .map { "set \(P.users) user \($0) email \($0)@example.com" }.joined(separator: "\n") + "\npublish"

    private func seeded() throws -> Dashell {
        let dashell = try Dashell()
        try dashell.ok(Self.seed)
        return dashell
    }

    private func enablePersonal(of user: String, in dashell: Dashell) throws -> Any? {
        value(try dashell.published(), "manage-accounts-and-storage", "user-accounts", "user", user, "portwise-authentication", "enable-personal")
    }

    func testSetByPatternChangesEachMatchingEntryAndSaysHowMany() throws {
        let dashell = try seeded()
        let result = try dashell.ok("set \(P.users) user 'contractor-*' portwise-authentication enable-personal true; publish")
        XCTAssertEqual(result.outputLines.first, "3 entries changed")
        for user in ["contractor-1", "contractor-2", "contractor-3"] { XCTAssertEqual(try enablePersonal(of: user, in: dashell) as? Bool, true, user) }
        for user in ["alice", "test-1"] { XCTAssertNil(try enablePersonal(of: user, in: dashell), user) }
        // Entries already as asked are matched but not changed, and the count says so.
        let again = try dashell.ok(
            "set \(P.users) user 'contractor-[12]' portwise-authentication enable-personal true; set \(P.users) user '*' email x@example.com")
        XCTAssertEqual(again.outputLines, ["0 of 2 matching entries changed", "8 entries changed"])
    }

    func testAPatternMayStandBeforeALiteralPartOfThePath() throws {
        let dashell = try Dashell()
        let roles = "manage-system delegated-management role"
        try dashell.ok("set \(roles) desk-a privilege view-logs; set \(roles) desk-b; set \(roles) audit privilege view-logs; publish")
        let result = try dashell.ok("set \(roles) 'desk-?' privilege publish; set \(roles) 'desk-*' description Desk; publish")
        XCTAssertEqual(Array(result.outputLines.prefix(2)), ["2 entries changed", "2 entries changed"])
        let published = value(try dashell.published(), "manage-system", "delegated-management", "role")
        for role in ["desk-a", "desk-b"] {
            XCTAssertNotNil(value(published, role, "privilege", "publish"), role)
            XCTAssertEqual(value(published, role, "description") as? String, "Desk", role)
        }
        XCTAssertNil(value(published, "audit", "privilege", "publish"))
    }

    func testDeleteByPatternDeletesEachMatchingEntry() throws {
        let dashell = try seeded()
        XCTAssertEqual(try dashell.ok("delete \(P.users) user 'test-*'; publish").outputLines.first, "2 entries changed")
        let users = try XCTUnwrap(value(try dashell.published(), "manage-accounts-and-storage", "user-accounts", "user") as? [String: Any])
        XCTAssertEqual(users.keys.sorted(), ["alice", "anna", "bob", "contractor-1", "contractor-2", "contractor-3"])
        // A leaf in each: only the entries that had it set changed.
        try dashell.ok("delete \(P.users) user anna email; publish")
        XCTAssertEqual(try dashell.ok("delete \(P.users) user 'a*' email").outputLines, ["1 of 2 matching entries changed"])
    }

    func testShowByPatternShowsEachMatchingEntryInEveryFormat() throws {
        let dashell = try seeded()
        let tree = try dashell.ok("show \(P.users) user 'a*' email")
        XCTAssertEqual(tree.outputLines, ["user alice", "  email alice@example.com", "user anna", "  email anna@example.com"])
        XCTAssertEqual(tree.errors, "2 matching entries\n")
        let lines = try dashell.ok("show \(P.users) user 'a*' email | display set").outputLines
        XCTAssertEqual(lines, ["set \(P.users) user alice email alice@example.com", "set \(P.users) user anna email anna@example.com"])
        let json = try dashell.ok("show \(P.users) user '?ob' | display json").output
        let documents = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any], json)
        XCTAssertEqual(documents.count, 1)
        XCTAssertEqual(value(documents.first, "manage-accounts-and-storage", "user-accounts", "user", "bob", "email") as? String, "bob@example.com")
        let document = try dashell.ok("show \(P.users) user 'a*' email", ["--json"]).output
        let result = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        XCTAssertEqual((result["result"] as? [Any])?.count, 2, document)
        XCTAssertEqual(try dashell.ok("show \(P.users) user 'contractor-*' | count").outputLines, ["Count: 6 lines"])
    }

    func testNothingMatchingIsAnErrorNamingThePattern() throws {
        let dashell = try seeded()
        for command in ["set \(P.users) user 'zz*' email z@example.com", "delete \(P.users) user 'zz*'", "show \(P.users) user 'zz*' email"] {
            let result = try dashell.fails(command)
            XCTAssertTrue(result.errors.contains("error: no entry matches \(P.users) user 'zz*'"), "\(command): \(result.errors)")
        }
        // A match is an entry that exists: one deleted in the candidate is not one.
        let deleted = try dashell.fails("delete \(P.users) user bob; show \(P.users) user 'b*'")
        XCTAssertTrue(deleted.errors.contains("no entry matches"), deleted.errors)
    }

    func testAScriptNeverAsksHoweverManyMatch() throws {
        let dashell = try Dashell()
        try dashell.ok((0..<150).map { "set \(P.users) user u\($0) email u\($0)@example.com" }.joined(separator: "\n") + "\npublish")
        let result = try dashell.run([], stdin: Data("delete \(P.users) user 'u*'\npublish\n".utf8))
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(result.outputLines.first, "150 entries changed")
        XCTAssertNil(value(try dashell.published(), "manage-accounts-and-storage", "user-accounts", "user"))
    }

    /// A violation in an entry a pattern changed names the script's line, as for a single set.
    func testAViolationNamesThePatternsLine() throws {
        let dashell = try seeded()
        let script = try dashell.write(
            "notify.dash", "set \(P.users) user 'contractor-*' portwise-authentication create-new-profile true\npublish\n")
        let result = try dashell.run([script])
        XCTAssertEqual(result.status, 3, result.errors)
        XCTAssertTrue(
            result.errors.contains("\(P.users) user contractor-2 portwise-authentication create-new-profile: "), result.errors)
        XCTAssertTrue(result.errors.contains("(set at notify.dash:1)"), result.errors)
    }

    func testALiteralKeyKeepsItsMeaning() throws {
        let dashell = try seeded()
        let created = try dashell.ok("set \(P.users) user carol email carol@example.com; show \(P.users) user carol")
        XCTAssertEqual(created.outputLines, ["email carol@example.com"])
        // No key can hold a pattern's characters, so a pattern never creates an entry, and
        // the commands that name one place refuse one.
        let refused = try dashell.fails("set \(P.users) user 'new-*'")
        XCTAssertTrue(refused.errors.contains("selects existing entries, which set cannot create"), refused.errors)
        let edit = try dashell.fails("edit \(P.users) user 'a*'")
        XCTAssertTrue(edit.errors.contains("contains '*', which selects entries by pattern"), edit.errors)
    }

    func testEachEntryIsAllowedOrRefusedAsASingleEditWouldBe() throws {
        let dashell = try seeded()
        let management = "manage-system delegated-management"
        try dashell.run(
            [
                "--store", dashell.store, "--user", "root", "-c",
                "set \(management) administrator root role super-administrator; set \(management) administrator helen role help-desk; publish",
            ], withStore: false)
        // helen may change users' settings but not delete users.
        let refused = try dashell.run(["--store", dashell.store, "--user", "helen", "-c", "delete \(P.users) user 'a*'"], withStore: false)
        XCTAssertEqual(refused.status, 6, refused.errors)
        XCTAssertTrue(refused.errors.contains(": needs the privilege user-account-management (helen has the role help-desk)"), refused.errors)
        let allowed = try dashell.run(
            ["--store", dashell.store, "--user", "helen", "-c", "set \(P.users) user 'a*' portwise-authentication enable-personal true"],
            withStore: false)
        XCTAssertEqual(allowed.status, 0, allowed.errors)
        XCTAssertEqual(allowed.outputLines, ["2 entries changed"])
    }

    func testBulkEditsOnPostgreSQL() throws {
        let cluster = try TestCluster.shared()
        let database = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(database) }
        XCTAssertEqual(try Dashell(store: cluster.uri(database: database)).run("store", "init").status, 0)
        try cluster.createAdministrator("tester")
        let dashell = try Dashell(store: cluster.uri(database: database, user: "tester"))
        try dashell.ok(Self.seed)
        XCTAssertEqual(try dashell.ok("set \(P.users) user 'contractor-*' email c@example.com; publish").outputLines.first, "3 entries changed")
        XCTAssertEqual(try dashell.ok("delete \(P.users) user 'test-?'; publish").outputLines.first, "2 entries changed")
        XCTAssertEqual(try dashell.ok("show \(P.users) user 'contractor-*' email").outputLines.filter { $0.hasPrefix("  ") }.count, 3)
        XCTAssertTrue(try dashell.fails("show \(P.users) user 'test-*'").errors.contains("no entry matches"))
    }
}
