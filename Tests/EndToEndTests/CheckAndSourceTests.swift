import Foundation
import XCTest

/// `check` (a dry run), all-or-nothing scripts, and the source a script's publish records.
final class CheckAndSourceTests: XCTestCase {
    func testCheckPrintsTheDiffAndPublishesNothing() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; set \(P.users) user old email old@example.com; publish")
        let script = try dashell.write(
            "change.dash",
            """
            set \(P.port) 9443
            delete \(P.users) user old
            set \(P.users) user new display-name "New User"
            publish comment never
            """)
        let result = try dashell.run("check", script)
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(
            result.outputLines,
            [
                "Check: the candidate is valid; nothing published",
                "+ manage-accounts-and-storage user-accounts user new",
                "+   display-name \"New User\"",
                "- manage-accounts-and-storage user-accounts user old",
                "-   email old@example.com",
                "  manage-system distribution-services global-settings",
                "-   external-port 8443",
                "+   external-port 9443",
            ])
        XCTAssertEqual(try dashell.revisionCount(), 1)
        XCTAssertEqual(value(try dashell.published(), "manage-system", "distribution-services", "global-settings", "external-port") as? Int, 8443)
    }

    func testCheckReturnsTheCodesARunWould() throws {
        let dashell = try Dashell()
        let invalid = try dashell.write("invalid.dash", "set \(P.methods) method m type oath\npublish\n")
        let invalidResult = try dashell.run("check", invalid)
        XCTAssertEqual(invalidResult.status, 3)
        XCTAssertTrue(invalidResult.errors.hasPrefix("invalid.dash:2:1: error: validation failed"), invalidResult.errors)
        let bad = try dashell.write("bad.dash", "set \(P.port) 0\n")
        XCTAssertEqual(try dashell.run("check", bad).status, 1)
        let empty = try dashell.write("empty.dash", "# nothing\n")
        let emptyResult = try dashell.run("check", empty)
        XCTAssertEqual(emptyResult.status, 0)
        XCTAssertEqual(emptyResult.output, "Check: no change would be published\n")
        XCTAssertEqual(try dashell.revisionCount(), 0)
    }

    func testScriptFailingHalfwayKeepsOnlyWhatItPublished() throws {
        let dashell = try Dashell()
        let script = try dashell.write(
            "half.dash",
            """
            set \(P.port) 8443
            publish comment first
            set \(P.users) user a email a@example.com
            edit \(P.users) user b
            set display-name "B"
            set no-such-leaf 1
            publish comment second
            """)
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.hasPrefix("half.dash:6:5: error: unknown keyword 'no-such-leaf'"), result.errors)
        XCTAssertEqual(try dashell.run("export").output, "set \(P.port) 8443\n")
        XCTAssertEqual(try dashell.revisionCount(), 1)
    }

    func testPublishInAScriptRecordsItsSource() throws {
        let dashell = try Dashell()
        let script = try dashell.write("first.dash", "set \(P.port) 8443\npublish comment \"from a file\"\n")
        XCTAssertEqual(try dashell.run(script).status, 0)
        XCTAssertEqual(try dashell.run(["./" + script]).status, 0, "nothing to publish the second time")
        _ = try dashell.write("second.dash", "set \(P.port) 9443\npublish\n")
        XCTAssertEqual(try dashell.run([dashell.directory + "/second.dash"]).status, 0)
        _ = try dashell.run([], stdin: Data("set \(P.port) 10443\npublish\n".utf8))
        try dashell.ok("set \(P.port) 11443; publish")
        let history = try dashell.ok("show history").outputLines
        XCTAssertEqual(history.count, 4)
        XCTAssertTrue(history[3].hasSuffix("  tester  script first.dash  1 change  \"from a file\""), history[3])
        XCTAssertTrue(history[2].hasSuffix("  tester  script \(dashell.directory)/second.dash  1 change"), history[2])
        XCTAssertTrue(history[1].hasSuffix("  tester  stdin  1 change"), history[1])
        XCTAssertTrue(history[0].hasSuffix("  tester  -c  1 change"), history[0])
    }

    func testScriptFromAPipeIsReadWhole() throws {
        let dashell = try Dashell()
        let result = try dashell.run(["/dev/stdin"], stdin: Data("set \(P.port) 8443\npublish\n".utf8))
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(try dashell.ok("show history").output.contains("  tester  script /dev/stdin  1 change"))
        let sourced = try dashell.run(["-c", "source /dev/stdin; publish"], stdin: Data("set \(P.port) 9443\n".utf8))
        XCTAssertEqual(sourced.status, 0, sourced.errors)
        XCTAssertEqual(value(try dashell.published(), "manage-system", "distribution-services", "global-settings", "external-port") as? Int, 9443)
    }

    func testSourcedPublishRecordsTheOuterScript() throws {
        let dashell = try Dashell()
        _ = try dashell.write("inner.dash", "set \(P.port) 8443\npublish\n")
        let outer = try dashell.write("outer.dash", "source inner.dash\n")
        XCTAssertEqual(try dashell.run(outer).status, 0)
        XCTAssertTrue(try dashell.ok("show history").output.contains("  script outer.dash  "))
    }

    func testUserOptionIsRecorded() throws {
        let dashell = try Dashell()
        XCTAssertEqual(try dashell.run(["--store", dashell.store, "--user", "Åsa Ödén", "-c", "set \(P.port) 8443; publish"], withStore: false).status, 0)
        XCTAssertTrue(try dashell.ok("show history").output.contains("  Åsa Ödén  -c  "))
    }
}
