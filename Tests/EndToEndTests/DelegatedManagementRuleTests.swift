import Foundation
import XCTest

/// V13 and V14 (SPEC §4): the predefined roles stay as Digital Access defines them, and
/// delegated management never locks everyone out.
final class DelegatedManagementRuleTests: XCTestCase {
    private let management = "manage-system delegated-management"

    func testThePredefinedRolesExistAndArePrintedLikeDefaults() throws {
        let dashell = try Dashell()
        XCTAssertEqual(try dashell.ok("ls \(management) role").outputLines, ["help-desk", "super-administrator"])
        XCTAssertEqual(
            try dashell.ok("show \(management) role help-desk").outputLines,
            ["description \"Changes the settings of existing users\"", "privilege help-desk-administration"])
        XCTAssertEqual(try dashell.ok("show \(management)").output, "")
        XCTAssertEqual(try dashell.run("export", "--format", "json").output, "{}\n")
        let withDefaults = try dashell.run("export", "--format", "json", "--with-defaults").output
        XCTAssertTrue(withDefaults.contains("\"super-administrator\""), withDefaults)
        // An administrator may refer to them before anything is stored.
        try dashell.ok("set \(management) administrator tester role super-administrator; set \(management) administrator helen role help-desk; publish")
    }

    func testAPredefinedRoleCannotBeDeletedRenamedOrChanged() throws {
        let dashell = try Dashell()
        let deleted = try dashell.fails("delete \(management) role help-desk; publish", status: 3)
        XCTAssertTrue(deleted.errors.contains("\(management) role help-desk: help-desk is a predefined role: it cannot be deleted or renamed"), deleted.errors)
        let renamed = try dashell.fails("rename \(management) role help-desk desk; publish", status: 3)
        XCTAssertTrue(renamed.errors.contains("help-desk is a predefined role: it cannot be deleted or renamed"), renamed.errors)
        let changed = try dashell.fails("set \(management) role super-administrator description mine; validate", status: 3)
        XCTAssertTrue(changed.errors.contains("super-administrator is a predefined role: it cannot be changed"), changed.errors)
        let privilege = try dashell.fails("delete \(management) role super-administrator privilege publish; publish", status: 3)
        XCTAssertTrue(privilege.errors.contains("super-administrator is a predefined role: it cannot be changed"), privilege.errors)
        XCTAssertEqual(try dashell.revisionCount(), 0)
    }

    /// A `load replace` of an export with defaults writes the predefined roles as they are:
    /// no change. Deleting the whole of delegated management brings them back, as defaults.
    func testTheirDefinitionIsNoChange() throws {
        let dashell = try Dashell()
        let export = try dashell.write("all.json", try dashell.run("export", "--format", "json", "--with-defaults").output)
        let loaded = try dashell.ok("load replace \(export); compare")
        XCTAssertFalse(loaded.output.contains("role"), loaded.output)
        XCTAssertEqual(try dashell.ok("delete \(management); compare").output, "no differences\n")
    }

    func testV14NeverLocksEveryoneOut() throws {
        let dashell = try Dashell()
        let lockout = try dashell.fails("set \(management) administrator alice role super-administrator; publish", status: 3)
        XCTAssertTrue(
            lockout.errors.contains("would lock you out: the first administrators must include you (tester) with the role super-administrator"),
            lockout.errors)
        let noSuper = try dashell.fails("set \(management) administrator tester role help-desk; publish", status: 3)
        XCTAssertTrue(noSuper.errors.contains("at least one administrator needs the role super-administrator"), noSuper.errors)
        try dashell.ok("set \(management) administrator tester role super-administrator; publish")
        let approval = try dashell.fails("set \(management) require-approval true; publish", status: 3)
        XCTAssertTrue(
            approval.errors.contains("\(management) require-approval: needs at least two administrators with the privilege publish (there is 1)"),
            approval.errors)
        try dashell.ok("set \(management) administrator dave role super-administrator; set \(management) require-approval true; publish")
        let lastSuper = try dashell.fails("delete \(management) administrator dave; delete \(management) administrator tester; publish", status: 3)
        XCTAssertTrue(lastSuper.errors.contains("needs at least two administrators with the privilege publish (there are 0)"), lastSuper.errors)
    }
}
