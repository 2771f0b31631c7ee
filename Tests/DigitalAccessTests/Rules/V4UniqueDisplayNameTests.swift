import DigitalAccess
import XCTest

@testable import ConfigModel

final class V4UniqueDisplayNameTests: XCTestCase {
    func testSharedDisplayNameIsAnErrorOnEveryHolder() throws {
        var tree = Seed.tree
        tree.set(Seed.desktop + ["display-name", "Smart ID (this device)"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation(
                    "V4", .error, path(Seed.desktop + ["display-name"]),
                    "\"Smart ID (this device)\" is also the display name of manage-system authentication-methods method mobile-same display-name"),
                Violation(
                    "V4", .error, path(Seed.sameDevice + ["display-name"]),
                    "\"Smart ID (this device)\" is also the display name of manage-system authentication-methods method desktop display-name"),
            ])
    }

    func testChangeScopeReportsTheChangedMethod() throws {
        var candidate = Seed.tree
        candidate.set(Seed.desktop + ["display-name", "Smart ID (this device)"])
        XCTAssertEqual(try candidate.violations(since: Seed.tree).map(\.path), [path(Seed.desktop + ["display-name"])])
    }

    func testDistinctDisplayNamesPass() throws {
        var tree = Seed.tree
        tree.set(Seed.desktop + ["display-name", "Smart ID for desktops"])
        XCTAssertEqual(try tree.violations(of: V4UniqueDisplayName()), [])
    }
}
