import DigitalAccess
import XCTest

@testable import ConfigModel

final class V2MandatoryLeavesTests: XCTestCase {
    func testMissingDisplayNameIsAnError() throws {
        var tree = Seed.tree
        tree.delete(Seed.desktop + ["display-name"])
        XCTAssertEqual(try tree.violations(), [Violation("V2", .error, path(Seed.desktop + ["display-name"]), "is mandatory and not set")])
    }

    func testNewMethodWithoutAnythingSetNeedsTypeDisplayNameAndServer() throws {
        var tree = Seed.tree
        tree.create(Seed.methods + ["bare"])
        XCTAssertEqual(
            try tree.violations().map(\.path.description),
            [
                "manage-system authentication-methods method bare authentication-server",
                "manage-system authentication-methods method bare display-name",
                "manage-system authentication-methods method bare type",
            ])
    }

    func testExtendedPropertyNeedsAValue() throws {
        var tree = Seed.tree
        tree.create(Seed.sameDevice + ["extended-property", "Certificate Filter"])
        XCTAssertEqual(
            try tree.violations(),
            [Violation("V2", .error, path(Seed.sameDevice + ["extended-property", "Certificate Filter", "value"]), "is mandatory and not set")])
    }

    func testCompleteEntriesPass() throws {
        XCTAssertEqual(try Seed.tree.violations(of: V2MandatoryLeaves()), [])
    }
}
