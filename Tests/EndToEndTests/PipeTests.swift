import Foundation
import XCTest

/// Output pipes of SPEC §5: `| match`, `| except`, `| count`, `| display`, `| no-more`, chained.
final class PipeTests: XCTestCase {
    private func populated() throws -> Dashell {
        let dashell = try Dashell()
        try dashell.ok(
            """
            set \(P.dns) ag5.example.com
            set \(P.port) 8443
            set \(P.users) user alice display-name "Alice A"
            set \(P.users) user alice email alice@example.com
            set \(P.users) user bob email bob@example.com
            set \(P.users) user "carl;c"
            set \(P.email) password s3cret
            publish
            """)
        return dashell
    }

    func testMatchKeepsLinesMatchingARegularExpression() throws {
        let dashell = try populated()
        XCTAssertEqual(try dashell.ok("show | match '^ +email '").outputLines, ["      email alice@example.com", "      email bob@example.com"])
        XCTAssertEqual(try dashell.ok("show | match 'port [0-9]+$'").outputLines, ["      external-port 8443"])
        XCTAssertEqual(try dashell.ok("show | match nothing-like-this").output, "")
    }

    func testExceptDropsMatchingLines() throws {
        let dashell = try populated()
        XCTAssertEqual(
            try dashell.ok("show \(P.users) | except email").outputLines, ["user alice", "  display-name \"Alice A\"", "user bob", "user \"carl;c\""])
    }

    func testCountCountsLines() throws {
        let dashell = try populated()
        XCTAssertEqual(try dashell.ok("show \(P.users) | count").outputLines, ["Count: 6 lines"])
        XCTAssertEqual(try dashell.ok("show \(P.users) | match nobody | count").outputLines, ["Count: 0 lines"])
    }

    func testDisplaySetPrintsLoadableSetLinesWithSecretsMasked() throws {
        let dashell = try populated()
        let lines = try dashell.ok("show | display set").outputLines
        XCTAssertEqual(
            lines,
            [
                "set \(P.dns) ag5.example.com",
                "set \(P.port) 8443",
                "# set \(P.email) password ********",
                "set \(P.users) user alice display-name \"Alice A\"",
                "set \(P.users) user alice email alice@example.com",
                "set \(P.users) user bob email bob@example.com",
                "set \(P.users) user \"carl;c\"",
            ])
        XCTAssertEqual(try dashell.ok("show \(P.users) user bob | display set").outputLines, ["set \(P.users) user bob email bob@example.com"])
    }

    func testDisplayJSONIsOneObjectOfTheScope() throws {
        let dashell = try populated()
        let output = try dashell.ok("show \(P.users) | display json").output
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let users = value(json, "manage-accounts-and-storage", "user-accounts", "user") as? [String: [String: String]]
        XCTAssertEqual(users, ["alice": ["display-name": "Alice A", "email": "alice@example.com"], "bob": ["email": "bob@example.com"], "carl;c": [:]])
        XCTAssertNil(json["manage-system"])
        let whole = try dashell.ok("show | display json").output
        XCTAssertTrue(whole.contains("\"password\": \"********\""), whole)
        XCTAssertFalse(whole.contains("s3cret"))
        XCTAssertEqual(
            value(try JSONSerialization.jsonObject(with: Data(whole.utf8)), "manage-system", "distribution-services", "global-settings", "external-port")
                as? Int, 8443)
    }

    func testDisplayTreeIsTheDefaultOfShow() throws {
        let dashell = try populated()
        let tree = try dashell.ok("show \(P.global) | display tree").outputLines
        XCTAssertEqual(tree, ["external-dns-name ag5.example.com", "external-port 8443"])
        XCTAssertEqual(try dashell.ok("show \(P.global)").outputLines, tree)
        XCTAssertEqual(try dashell.ok("show \(P.global) | display set | display tree").outputLines, tree, "the last display wins")
    }

    func testNoMoreChangesNothingWithoutATerminal() throws {
        let dashell = try populated()
        XCTAssertEqual(try dashell.ok("show | no-more").output, try dashell.ok("show").output)
    }

    func testPipesChain() throws {
        let dashell = try populated()
        XCTAssertEqual(try dashell.ok("show | display set | match user | count").outputLines, ["Count: 4 lines"])
        XCTAssertEqual(
            try dashell.ok("show | display set | match user | except carl | match email").outputLines,
            [
                "set \(P.users) user alice email alice@example.com",
                "set \(P.users) user bob email bob@example.com",
            ])
        XCTAssertEqual(try dashell.ok("show | disp set | ma user | cou | no-m").outputLines, ["Count: 4 lines"], "pipe names abbreviate")
    }

    func testPipesApplyToOtherCommands() throws {
        let dashell = try populated()
        XCTAssertEqual(try dashell.ok("help | match ^Commands").outputLines, ["Commands:"])
        XCTAssertEqual(try dashell.ok("show history | count").outputLines, ["Count: 1 lines"])
        // Columns as wide as the widest id ("carl;c" quoted) and name ("Alice A" quoted).
        let bob = "bob" + String(repeating: " ", count: 5 + 2) + String(repeating: " ", count: 9 + 2) + "<bob@example.com>"
        XCTAssertEqual(try dashell.ok("search user-accounts '*' | match bob").outputLines, [bob])
    }

    func testBadPipesAreErrors() throws {
        let dashell = try populated()
        XCTAssertTrue(try dashell.fails("show | frob").errors.contains("unknown pipe 'frob'"))
        XCTAssertTrue(try dashell.fails("show | match '('").errors.contains("invalid regular expression"))
        XCTAssertTrue(try dashell.fails("show | display xml").errors.contains("unknown format 'xml'"))
        XCTAssertTrue(try dashell.fails("show | count 3").errors.contains("count takes no argument"))
        XCTAssertTrue(try dashell.fails("show | match").errors.contains("match needs a regular expression"))
    }
}
