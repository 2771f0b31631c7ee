import DigitalAccess
import XCTest

@testable import ConfigModel

final class V8ExternalDNSNameRequiredTests: XCTestCase {
    private let message = "personal-mobile needs manage-system distribution-services global-settings external-dns-name"

    func testPersonalMobileWithoutExternalNameIsAnError() throws {
        var tree = Seed.tree
        tree.delete(Seed.globalSettings + ["external-dns-name"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation("V8", .error, path(Seed.otherDevice + ["type"]), message),
                Violation("V8", .error, path(Seed.sameDevice + ["type"]), message),
            ])
    }

    func testDeletingTheNameRechecksUnchangedMethods() throws {
        var candidate = Seed.tree
        candidate.delete(Seed.globalSettings + ["external-dns-name"])
        XCTAssertEqual(try candidate.violations(since: Seed.tree).map(\.rule), ["V8", "V8"])
    }

    /// The published methods lack the name too, but only the new one is the change's doing.
    func testNewMethodIsCheckedAgainstUnchangedSettings() throws {
        var published = Seed.tree
        published.delete(Seed.globalSettings + ["external-dns-name"])
        var candidate = published
        candidate.set(Seed.methods + ["new", "type", "personal-mobile"])
        XCTAssertEqual(
            try candidate.violations(of: V8ExternalDNSNameRequired(), since: published),
            [Violation("V8", .error, path(Seed.methods + ["new", "type"]), message)])
    }

    func testOtherTypesNeedNoExternalName() throws {
        var tree = Seed.tree
        tree.delete(Seed.globalSettings + ["external-dns-name"])
        tree.delete(Seed.otherDevice)
        tree.delete(Seed.sameDevice)
        XCTAssertEqual(try tree.violations(), [])
    }
}
