import Foundation
import XCTest

/// Scripts, `-c` and stdin against the built binary: exit codes, messages, what is published.
final class ScriptTests: XCTestCase {
    func testSetAndPublishFromCommandLine() throws {
        let dashell = try Dashell()
        let result = try dashell.run("-c", "set manage-system distribution-services global-settings external-dns-name ag5.example.com; publish comment first")
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.contains("Published revision 1"), result.output)
        let history = try dashell.run("-c", "show history")
        XCTAssertTrue(history.output.contains("tester  -c  1 change  first"), history.output)
    }

    func testFailingCommandReportsFileLineColumnAndCaret() throws {
        let dashell = try Dashell()
        let script = try dashell.write("bad.dash", "# first line\nset manage-system distribution-services global-settings external-port 70000\n")
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(
            result.errorLines.first, "bad.dash:2:71: error: manage-system distribution-services global-settings external-port: 70000 is out of range 1–65535")
        XCTAssertEqual(result.errorLines[1], "set manage-system distribution-services global-settings external-port 70000")
        XCTAssertEqual(result.errorLines[2], String(repeating: " ", count: 70) + "^")
    }

    func testScriptFailingHalfwayPublishesNothingOfItsUnpublishedPart() throws {
        let dashell = try Dashell()
        let script = try dashell.write(
            "half.dash",
            """
            set manage-system distribution-services global-settings external-dns-name one.example.com
            publish
            set manage-system distribution-services global-settings external-port 8443
            set manage-system no-such-thing 1
            publish
            """)
        XCTAssertEqual(try dashell.run(script).status, 1)
        let exported = try dashell.run("export")
        XCTAssertEqual(exported.output, "set manage-system distribution-services global-settings external-dns-name one.example.com\n")
    }

    func testUnpublishedChangesAreDiscardedWithAWarning() throws {
        let dashell = try Dashell()
        let result = try dashell.run("-c", "set manage-system distribution-services global-settings external-port 8443")
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.errors.contains("1 unpublished change discarded"), result.errors)
        XCTAssertEqual(try dashell.run("export").output, "")
    }

    func testValidationFailureExits3AndListsViolations() throws {
        let dashell = try Dashell()
        let script = try dashell.write("invalid.dash", "set manage-system authentication-methods method m1 type personal-mobile\npublish\n")
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.errorLines.contains { $0.hasPrefix("invalid.dash:2:1: error: validation failed: 3 errors") }, result.errors)
        XCTAssertTrue(result.errors.contains("manage-system authentication-methods method m1 display-name:"), result.errors)
        XCTAssertEqual(try dashell.run("export").output, "")
    }

    /// Each violation names the line of the script that last set its path, through `edit`
    /// and relative paths too; one the script never touched names none.
    func testAViolationNamesTheLineThatSetItsPath() throws {
        let dashell = try Dashell()
        let script = try dashell.write(
            "deploy.dash",
            """
            set manage-system authentication-services service radius-1 host r.example.com
            edit manage-system authentication-methods method m1
            set type personal-desktop
            set display-name "Smart ID"
            set authentication-server radius-1
            set same-device true
            top
            set manage-accounts-and-storage user-accounts user alice portwise-authentication notification email
            publish

            """)
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 3, result.errors)
        XCTAssertTrue(result.errorLines.contains { $0.hasPrefix("deploy.dash:9:1: error: validation failed: 3 errors") }, result.errors)
        XCTAssertTrue(
            result.errorLines.contains {
                $0.hasPrefix("manage-system authentication-methods method m1 same-device: ") && $0.hasSuffix(" (set at deploy.dash:6)")
            },
            result.errors)
        XCTAssertTrue(
            result.errorLines.contains {
                $0.hasPrefix("manage-accounts-and-storage user-accounts user alice portwise-authentication notification: ")
                    && $0.hasSuffix("(set at deploy.dash:8)")
            }, result.errors)
    }

    func testCheckPrintsTheDiffAndPublishesNothing() throws {
        let dashell = try Dashell()
        let script = try dashell.write("c.dash", "set manage-system distribution-services global-settings external-dns-name ag5.example.com\npublish\n")
        let result = try dashell.run("check", script)
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.contains("external-dns-name ag5.example.com"), result.output)
        XCTAssertEqual(try dashell.run("-c", "show history").output, "")
    }

    func testGlobalOptionsAfterTheSubcommand() throws {
        let dashell = try Dashell()
        let script = try dashell.write("c.dash", "set manage-system distribution-services global-settings external-port 99999\n")
        let result = try dashell.run(["check", script, "--store", dashell.store], withStore: false)
        XCTAssertEqual(result.status, 1, result.errors)
    }

    func testStandardInputRunsAsAScript() throws {
        let dashell = try Dashell()
        let result = try dashell.run(
            [], stdin: Data("set manage-system distribution-services global-settings external-port 8443\npublish\nshow history\n".utf8))
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.contains("tester  stdin"), result.output)
    }

    func testVariablesFromDefinitionsThenEnvironment() throws {
        let dashell = try Dashell()
        let result = try dashell.run(
            [
                "-D", "HOST=ag5.example.com", "-c",
                "set manage-system distribution-services global-settings external-dns-name ${HOST}; set manage-system distribution-services global-settings external-port ${PORT}; publish",
            ],
            environment: ["PORT": "8443"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(try dashell.run("export").output.contains("external-port 8443"))
        let undefined = try dashell.run("-c", "set manage-system distribution-services global-settings external-dns-name ${NOPE}")
        XCTAssertEqual(undefined.status, 1)
        XCTAssertTrue(undefined.errors.contains("<command-line>:1:"), undefined.errors)
        XCTAssertTrue(undefined.errors.contains("NOPE"), undefined.errors)
    }

    func testShebangScriptRuns() throws {
        let dashell = try Dashell()
        let script = try dashell.write(
            "s.dash", "#!/usr/bin/env dashell\nset manage-system distribution-services global-settings external-port 8443\npublish\n")
        XCTAssertEqual(try dashell.run(script).status, 0)
    }

    func testSeveralFilesRunInOrderAndTheFirstFailureStopsTheRest() throws {
        let dashell = try Dashell()
        let first = try dashell.write("1.dash", "set manage-system distribution-services global-settings external-port 8443\npublish\n")
        let second = try dashell.write("2.dash", "bogus\n")
        let third = try dashell.write("3.dash", "set manage-system distribution-services global-settings external-port 9443\npublish\n")
        let result = try dashell.run(first, second, third)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.hasPrefix("2.dash:1:1: error: unknown command 'bogus'"), result.errors)
        XCTAssertTrue(try dashell.run("export").output.contains("external-port 8443"))
    }

    func testUsageErrorsExit2() throws {
        let dashell = try Dashell()
        XCTAssertEqual(try dashell.run("--no-such-option").status, 2)
        XCTAssertEqual(try dashell.run("export", "--format", "xml").status, 2)
        XCTAssertEqual(try dashell.run("-D", "novalue", "-c", "status").status, 2)
    }

    func testStoreThatCannotBeCreatedExits5() throws {
        let dashell = try Dashell()
        let blocker = dashell.directory + "/blocker"
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let result = try dashell.run(["--store", blocker + "/sub/store.sqlite", "-c", "status"], withStore: false)
        XCTAssertEqual(result.status, 5)
        XCTAssertTrue(result.errors.contains(blocker), result.errors)
    }

    func testDamagedStoreExits5WithRecovery() throws {
        let dashell = try Dashell()
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: dashell.store))
        let result = try dashell.run("-c", "status")
        XCTAssertEqual(result.status, 5)
        XCTAssertTrue(result.errors.contains(dashell.store) && result.errors.contains("export"), result.errors)
    }

    func testVersionAndHelp() throws {
        let dashell = try Dashell()
        XCTAssertEqual(try dashell.run("--version").status, 0)
        let help = try dashell.run("--help")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.contains("check"), help.output)
    }
}
