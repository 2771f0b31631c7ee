import Foundation
import XCTest

/// The mistakes a new administrator makes in a first hour: keys that cannot be typed back,
/// stray words after a command, a typo in an entry's key, a failing sourced file. Each
/// gets exit 1 with a message that says what and where, and changes nothing.
final class MistakeTests: XCTestCase {
    // MARK: List keys are typed

    func testAUserIdCannotBeAPatternOrHoldBlanks() throws {
        let dashell = try Dashell()
        for key in ["'*'", "'user-?'", "'[ab]'"] {
            // A pattern selects existing entries (none here) and never creates one.
            let result = try dashell.fails("set \(P.users) user \(key) email a@example.com")
            XCTAssertTrue(result.errors.contains("no entry matches \(P.users) user \(key)"), result.errors)
            let edit = try dashell.fails("edit \(P.users) user \(key)")
            XCTAssertTrue(edit.errors.contains("invalid user-id"), edit.errors)
        }
        let blank = try dashell.fails("set \(P.users) user \"bad user/with space\" email a@example.com")
        XCTAssertTrue(blank.errors.contains("invalid user-id"), blank.errors)
        try dashell.fails("edit \(P.methods) method \"my method\"")
        XCTAssertEqual(try dashell.revisionCount(), 0)
        XCTAssertEqual(try dashell.ok("show \(P.users)").output, "")
    }

    func testRenameChecksTheNewKeyLikeSet() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.users) user alice email a@example.com; publish")
        let result = try dashell.fails("rename \(P.users) user alice \"alice smith\"")
        XCTAssertTrue(result.errors.contains("<command-line>:1:") && result.errors.contains("contains a blank"), result.errors)
    }

    func testNamesOfAuthoritiesAndPropertiesMayHoldBlanks() throws {
        let dashell = try Dashell()
        let shown = try dashell.ok(
            """
            set \(P.cas) certificate-authority "Bank Issuing CA 2" subject "CN=Bank"
            set \(P.methods) method m1 extended-property "User Attribute" value uid
            show manage-system
            """
        ).output
        XCTAssertTrue(shown.contains("certificate-authority \"Bank Issuing CA 2\""), shown)
        XCTAssertTrue(shown.contains("extended-property \"User Attribute\""), shown)
        let bank = "\(P.cas) certificate-authority \"Bank Issuing CA 2\""
        let result = try dashell.fails("set \(bank) subject x; rename \(bank) 'CA *'")
        XCTAssertTrue(result.errors.contains("selects entries by pattern"), result.errors)
    }

    // MARK: Echoed words are cut

    func testAnUnknownKeywordOfAHundredThousandCharactersIsEchoedCut() throws {
        let dashell = try Dashell()
        let word = String(repeating: "\"\"''", count: 25_000) + String(repeating: "x", count: 100_000)
        try "show \(word)\n".write(toFile: dashell.directory + "/long.dash", atomically: true, encoding: .utf8)
        let result = try dashell.run("long.dash")
        XCTAssertEqual(result.status, 1)
        let message = try XCTUnwrap(result.errorLines.first)
        XCTAssertTrue(message.contains("unknown keyword 'xxxx"), message)
        XCTAssertTrue(message.contains("…'"), message)
        XCTAssertLessThan(message.count, 300, message)
        XCTAssertTrue(result.errorLines.allSatisfy { $0.count < 400 }, "\(result.errorLines.map(\.count))")
    }

    func testEveryEchoedWordIsCut() throws {
        let dashell = try Dashell()
        let long = String(repeating: "y", count: 5_000)
        for command in [
            "frobnicate\(long)", "show | match\(long)", "status \(long)", "edit \(P.users) user alice; up \(long)",
            "load \(long) x", "show revision \(long)", "compare revision 0 \(long)",
        ] {
            let result = try dashell.fails(command)
            XCTAssertTrue(result.errorLines.allSatisfy { $0.count < 400 }, "\(command.prefix(30)): \(result.errorLines.map(\.count))")
            XCTAssertTrue(result.errors.contains("yyy…"), "\(command.prefix(30)): \(result.errors.prefix(300))")
        }
    }

    // MARK: Commands refuse words they do not take

    func testEveryCommandRefusesExtraWords() throws {
        let dashell = try Dashell()
        for (command, extra) in [
            ("top show manage-system distribution-services", "show"), ("validate foo", "foo"),
            ("status foo", "foo"), ("pwd extra", "extra"), ("history now", "now"), ("exit later", "later"),
            ("quit now", "now"), ("help set more", "more"), ("discard all", "all"), ("update x", "x"),
            ("rollback 0 1", "1"),
        ] {
            let result = try dashell.fails(command)
            XCTAssertTrue(result.errors.contains("'\(extra)'"), "\(command): \(result.errors)")
            let column = command.distance(from: command.startIndex, to: command.range(of: " \(extra)")!.lowerBound) + 2
            XCTAssertTrue(result.errors.hasPrefix("<command-line>:1:\(column): error:"), "\(command): \(result.errors)")
        }
    }

    // MARK: An entry that does not exist

    func testShowingATypoedUserSaysThereIsNoSuchEntry() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.users) user alice email a@example.com; set \(P.users) user bob; publish")
        for command in [
            "show \(P.users) user alcie", "ls \(P.users) user alcie", "compare \(P.users) user alcie",
            "delete \(P.users) user alcie", "show \(P.users) user alcie email", "delete \(P.users) user alcie email",
            "show published \(P.users) user alcie",
        ] {
            let result = try dashell.fails(command)
            XCTAssertTrue(result.errors.contains("no such entry: \(P.users) user alcie"), "\(command): \(result.errors)")
        }
        // An entry that exists with nothing set shows nothing, successfully.
        XCTAssertEqual(try dashell.ok("show \(P.users) user bob").output, "")
        // Compare of an entry the candidate deleted still works: it exists in the published configuration.
        XCTAssertTrue(try dashell.ok("delete \(P.users) user alice; compare \(P.users) user alice").output.contains("-"))
    }

    func testEditSaysWhenItCreatesAnEntry() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.users) user alice email a@example.com; publish")
        XCTAssertEqual(try dashell.ok("edit \(P.users) user alcie").output, "(new entry)\n")
        XCTAssertEqual(try dashell.ok("edit \(P.users) user alice").output, "")
    }

    // MARK: source is one command

    func testAFailingSourcedFileNamesItsLine() throws {
        let dashell = try Dashell()
        try "set \(P.dns) ag5.example.com\nset \(P.port) 99999\n".write(toFile: dashell.directory + "/half.set", atomically: true, encoding: .utf8)
        let result = try dashell.fails("set \(P.users) user alice; source half.set; publish")
        XCTAssertTrue(result.errors.hasPrefix("half.set:2:"), result.errors)
        XCTAssertTrue(result.errors.contains("included from <command-line>:1"), result.errors)
    }
}
