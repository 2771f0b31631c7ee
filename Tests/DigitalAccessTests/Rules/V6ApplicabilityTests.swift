import DigitalAccess
import XCTest

@testable import ConfigModel

final class V6ApplicabilityTests: XCTestCase {
    func testMobileLeafOnDesktopMethodIsAnError() throws {
        var tree = Seed.tree
        tree.set(Seed.desktop + ["same-device", "false"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation(
                    "V6", .error, path(Seed.desktop + ["same-device"]),
                    "applies only when manage-system authentication-methods method desktop type is personal-mobile (it is personal-desktop)")
            ])
    }

    func testPersonalLeafOnOtherTypeNamesBothTypes() throws {
        var tree = Seed.tree
        tree.set(Seed.desktop + ["type", "oath"])
        tree.set(Seed.desktop + ["personal-certificate-authentication", "false"])
        XCTAssertEqual(
            try tree.violations().map(\.message),
            [
                "applies only when manage-system authentication-methods method desktop type is personal-mobile or personal-desktop (it is oath)"
            ])
    }

    func testSameDeviceLeafWithoutSameDeviceIsAWarning() throws {
        var tree = Seed.tree
        tree.set(Seed.otherDevice + ["wait-seconds", "10"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation(
                    "V6", .warning, path(Seed.otherDevice + ["wait-seconds"]),
                    "has no effect unless manage-system authentication-methods method mobile-other same-device is true (it is false)")
            ])
    }

    func testAnotherDeviceModeWithSameDeviceIsAWarning() throws {
        var tree = Seed.tree
        tree.set(Seed.sameDevice + ["another-device-mode", "qr-code"])
        XCTAssertEqual(try tree.violations().map { [$0.rule, $0.severity.rawValue] }, [["V6", "warning"]])
    }

    func testChangeScopeFindsIt() throws {
        var candidate = Seed.tree
        candidate.set(Seed.desktop + ["redirect-text", "Wait"])
        XCTAssertEqual(try candidate.violations(since: Seed.tree).map(\.path), [path(Seed.desktop + ["redirect-text"])])
    }

    func testLeavesThatApplyPass() throws {
        XCTAssertEqual(try Seed.tree.violations(of: V6Applicability()), [])
    }
}
