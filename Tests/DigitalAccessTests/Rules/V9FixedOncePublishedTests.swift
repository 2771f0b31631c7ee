import DigitalAccess
import XCTest

@testable import ConfigModel

final class V9FixedOncePublishedTests: XCTestCase {
    func testChangingPublishedTypeIsAnError() throws {
        var candidate = Seed.tree
        candidate.set(Seed.desktop + ["type", "oath"])
        XCTAssertEqual(
            try candidate.violations(since: Seed.tree),
            [
                Violation(
                    "V9", .error, path(Seed.desktop + ["type"]),
                    "cannot change once published; delete and re-create the method (published: personal-desktop)")
            ])
    }

    func testTypeOfNewMethodIsFree() throws {
        var candidate = Seed.tree
        candidate.set(Seed.methods + ["otp", "type", "oath"])
        candidate.set(Seed.methods + ["otp", "display-name", "One-time password"])
        candidate.set(Seed.methods + ["otp", "authentication-server", "radius"])
        XCTAssertEqual(try candidate.violations(since: Seed.tree), [])
    }

    func testWholeConfigurationHasNoPublishedStateToCompare() throws {
        var tree = Seed.tree
        tree.set(Seed.desktop + ["type", "oath"])
        XCTAssertEqual(try tree.violations(of: V9FixedOncePublished()), [])
    }
}
