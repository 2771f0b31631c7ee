import DigitalAccess
import XCTest

@testable import ConfigModel

final class SeedConfigurationTests: XCTestCase {
    func testCompleteSeedConfigurationHasNoViolations() throws {
        XCTAssertEqual(try Seed.tree.violations(), [])
    }

    func testSeedPublishedOnAnEmptyStoreHasNoViolations() throws {
        XCTAssertEqual(try Seed.tree.violations(since: ConfigTree()), [])
    }

    func testRulesAreV1ToV14InOrder() {
        XCTAssertEqual(DigitalAccessRules.all.map(\.id), (1...14).map { "V\($0)" })
    }

    func testErrorsComeFirstThenPathOrder() throws {
        var tree = Seed.tree
        tree.delete(Seed.otherDevice)  // V12 warning
        tree.set(Seed.sameDevice + ["another-device-mode", "username"])  // V6 warning
        tree.delete(Seed.alice + ["email"])  // V10 error
        tree.set(Seed.globalSettings + ["external-port", "0"])  // V1 error
        let found = try tree.violations()
        XCTAssertEqual(found.map(\.rule), ["V10", "V1", "V12", "V6"])
        XCTAssertEqual(found.map(\.severity), [.error, .error, .warning, .warning])
    }
}
