import DigitalAccess
import XCTest

@testable import ConfigModel

final class V7CertificateExtendedPropertiesTests: XCTestCase {
    func testSameDeviceCertificateAuthenticationNeedsBothProperties() throws {
        var tree = Seed.tree
        tree.delete(Seed.sameDevice + ["extended-property", "Certificate Attribute"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation(
                    "V7", .error, path(Seed.sameDevice),
                    "personal-mobile with certificate authentication on the same device needs "
                        + "manage-system authentication-methods method mobile-same extended-property \"Certificate Attribute\"")
            ])
    }

    func testDesktopCertificateAuthenticationNeedsBothProperties() throws {
        var tree = Seed.tree
        tree.set(Seed.desktop + ["personal-certificate-authentication", "true"])
        tree.set(Seed.desktop + ["certificate-authority", "Smart ID CA"])
        XCTAssertEqual(
            try tree.violations().map(\.message),
            [
                "personal-desktop with certificate authentication needs manage-system authentication-methods method desktop extended-property \"Certificate Attribute\"",
                "personal-desktop with certificate authentication needs manage-system authentication-methods method desktop extended-property \"User Attribute\"",
            ])
    }

    func testDeletingAPropertyRechecksItsUnchangedMethod() throws {
        var candidate = Seed.tree
        candidate.delete(Seed.sameDevice + ["extended-property", "User Attribute"])
        XCTAssertEqual(try candidate.violations(since: Seed.tree).map(\.rule), ["V7"])
    }

    func testMobileOnAnotherDeviceNeedsNoProperties() throws {
        var tree = Seed.tree
        tree.set(Seed.otherDevice + ["personal-certificate-authentication", "true"])
        tree.set(Seed.otherDevice + ["certificate-authority", "Smart ID CA"])
        XCTAssertEqual(try tree.violations(), [])
    }

    func testSeedPasses() throws {
        XCTAssertEqual(try Seed.tree.violations(of: V7CertificateExtendedProperties()), [])
    }
}
