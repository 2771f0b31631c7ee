import Foundation
import XCTest

/// A word that names nothing: a slip of the fingers gets the nearest names, and what a
/// Junos or Nokia MD-CLI user types out of habit gets the dashell way to say it.
final class DidYouMeanTests: XCTestCase {
    func testAMistypedCommandOrKeywordSuggestsTheNearestNames() throws {
        let dashell = try Dashell()
        XCTAssertTrue(try dashell.fails("shwo").errors.hasPrefix("<command-line>:1:1: error: unknown command 'shwo'; did you mean show?"))
        let keyword = try dashell.fails("set manage-sytem distribution-services global-settings external-port 8443")
        XCTAssertTrue(
            keyword.errors.hasPrefix("<command-line>:1:5: error: unknown keyword 'manage-sytem' at the top; did you mean manage-system?"), keyword.errors)
        let pipe = try dashell.fails("show | mtach port")
        XCTAssertTrue(pipe.errors.contains("unknown pipe 'mtach'; did you mean match?"), pipe.errors)
    }

    func testEquallyNearNamesComeInTheOrderHelpListsThem() throws {
        let dashell = try Dashell()
        XCTAssertTrue(try dashell.fails("cs").errors.contains("unknown command 'cs'; did you mean cd or ls?"))
    }

    func testAWordNearNoNameListsEveryName() throws {
        let dashell = try Dashell()
        let result = try dashell.fails("show manage-system bogus")
        XCTAssertTrue(result.errors.contains("unknown keyword 'bogus' under manage-system; expected one of: distribution-services,"), result.errors)
    }

    func testJunosAndNokiaHabitsGetTheDashellWord() throws {
        let dashell = try Dashell()
        let cases = [
            "commit": "unknown command 'commit'; dashell says publish",
            "commit check": "unknown command 'commit'; dashell says publish (and validate to check without publishing)",
            "show | compare": "unknown pipe 'compare'; compare is a command of its own here",
            "run show": "unknown command 'run'; not needed here",
            "configure": "unknown command 'configure'; not needed here: you are always editing your own candidate",
            "info": "unknown command 'info'; dashell says show",
            "exit configuration-mode": "exit takes no argument: unexpected 'configuration-mode'; there is no configuration mode to leave",
            "load override x.dash": "unknown load mode 'override'; dashell says load replace",
        ]
        for (typed, said) in cases {
            let result = try dashell.fails(typed)
            XCTAssertTrue(result.errors.contains(said), "\(typed): \(result.errors)")
        }
        XCTAssertEqual(try dashell.revisionCount(), 0)
    }
}
