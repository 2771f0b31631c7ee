import XCTest

/// `dashell help [SUBCOMMAND]`, which `dashell --help` points to: the same help as
/// `--help`, with the global options on either side, as for every subcommand.
final class HelpSubcommandTests: XCTestCase {
    func testHelpPrintsASubcommandsHelpWithGlobalOptionsOnEitherSide() throws {
        let dashell = try Dashell()
        let expected = try dashell.run(["check", "--help"], withStore: false)
        XCTAssertEqual(expected.status, 0, expected.errors)
        XCTAssertTrue(expected.output.contains("USAGE: dashell check"), expected.output)
        for arguments in [["help", "check"], ["--store", dashell.store, "help", "check"], ["help", "check", "--user", "tester"]] {
            let result = try dashell.run(arguments, withStore: false)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.errors)")
            XCTAssertEqual(result.output, expected.output, "\(arguments)")
        }
    }

    func testHelpAloneIsTheWholeToolsHelp() throws {
        let dashell = try Dashell()
        let help = try dashell.run(["help"])
        XCTAssertEqual(help.status, 0, help.errors)
        XCTAssertEqual(help.output, try dashell.run(["--help"]).output)
        XCTAssertTrue(help.output.contains("See 'dashell help <subcommand>'"), help.output)
    }

    func testHelpOfAnUnknownSubcommandIsAUsageError() throws {
        let result = try Dashell().run(["help", "chek"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.errors.contains("'chek'") && result.errors.contains("check, export"), result.errors)
        XCTAssertEqual(result.output, "")
    }
}
