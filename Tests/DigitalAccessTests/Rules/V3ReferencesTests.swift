import DigitalAccess
import XCTest

@testable import ConfigModel

final class V3ReferencesTests: XCTestCase {
    func testReferenceToMissingEntryIsAnError() throws {
        var tree = Seed.tree
        tree.set(Seed.desktop + ["authentication-server", "ldap"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation(
                    "V3", .error, path(Seed.desktop + ["authentication-server"]),
                    "names manage-system authentication-services service ldap, which does not exist")
            ])
    }

    func testChangeScopeFindsTheMissingTarget() throws {
        var candidate = Seed.tree
        candidate.set(Seed.desktop + ["certificate-authority", "Other CA"])
        XCTAssertEqual(
            try candidate.violations(of: V3References(), since: Seed.tree).map(\.path),
            [path(Seed.desktop + ["certificate-authority"])])
    }

    func testDeletingAReferencedEntryListsTheReferrers() throws {
        var candidate = Seed.tree
        candidate.delete(["manage-system", "authentication-services", "service", "radius"])
        let server = path(["manage-system", "authentication-services", "service", "radius"])
        XCTAssertEqual(
            try candidate.violations(since: Seed.tree),
            [
                Violation(
                    "V3", .error, server,
                    "cannot delete service radius: referenced by "
                        + "manage-system authentication-methods method desktop authentication-server, "
                        + "manage-system authentication-methods method mobile-other authentication-server, "
                        + "manage-system authentication-methods method mobile-same authentication-server")
            ])
    }

    func testDeletingAnEntryWithItsReferrersPasses() throws {
        var published = Seed.tree
        published.set(["manage-system", "authentication-services", "service", "backup", "host", "backup.example.com"])
        published.set(Seed.desktop + ["authentication-server", "backup"])
        var candidate = published
        candidate.delete(Seed.desktop)
        candidate.delete(["manage-system", "authentication-services", "service", "backup"])
        XCTAssertEqual(try candidate.violations(since: published), [])
    }

    func testReferenceMayPrecedeItsTarget() throws {
        var candidate = ConfigTree()
        candidate.set(Seed.desktop + ["authentication-server", "radius"])
        candidate.set(["manage-system", "authentication-services", "service", "radius", "host", "radius.example.com"])
        XCTAssertEqual(try candidate.violations(of: V3References()), [])
        XCTAssertEqual(try candidate.violations(of: V3References(), since: ConfigTree()), [])
    }
}
