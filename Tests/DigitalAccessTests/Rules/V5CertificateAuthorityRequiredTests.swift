import DigitalAccess
import XCTest

@testable import ConfigModel

final class V5CertificateAuthorityRequiredTests: XCTestCase {
    func testCertificateAuthenticationWithoutAuthorityIsAnError() throws {
        var tree = Seed.tree
        tree.delete(Seed.sameDevice + ["certificate-authority"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation(
                    "V5", .error, path(Seed.sameDevice + ["personal-certificate-authentication"]),
                    "certificate authentication needs manage-system authentication-methods method mobile-same certificate-authority")
            ])
    }

    func testChangeScopeFindsIt() throws {
        var candidate = Seed.tree
        candidate.delete(Seed.sameDevice + ["certificate-authority"])
        XCTAssertEqual(try candidate.violations(since: Seed.tree).map(\.rule), ["V5"])
    }

    func testLeafThatDoesNotApplyIsLeftToV6() throws {
        var tree = Seed.tree
        tree.set(Seed.desktop + ["type", "oath"])
        tree.set(Seed.desktop + ["personal-certificate-authentication", "true"])
        XCTAssertEqual(try tree.violations().map(\.rule), ["V6"])
    }

    func testCertificateAuthenticationWithAuthorityPasses() throws {
        XCTAssertEqual(try Seed.tree.violations(of: V5CertificateAuthorityRequired()), [])
    }
}
