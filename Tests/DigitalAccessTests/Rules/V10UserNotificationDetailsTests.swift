import XCTest

@testable import ConfigModel

final class V10UserNotificationDetailsTests: XCTestCase {
    func testEmailNotificationWithoutAddressIsAnError() throws {
        var tree = Seed.tree
        tree.delete(Seed.alice + ["email"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation(
                    "V10", .error, path(Seed.alice + ["portwise-authentication", "notification"]),
                    "e-mail notification needs manage-accounts-and-storage user-accounts user alice email")
            ])
    }

    func testSMSNotificationWithoutCellPhoneIsAnError() throws {
        var tree = Seed.tree
        tree.set(Seed.smsChannel + ["enabled", "true"])
        tree.set(Seed.alice + ["portwise-authentication", "notification", "sms"])
        XCTAssertEqual(
            try tree.violations().map(\.message),
            ["SMS notification needs manage-accounts-and-storage user-accounts user alice cell-phone"])
    }

    func testNewProfileWithoutPersonalIsAnError() throws {
        var tree = Seed.tree
        tree.delete(Seed.alice + ["portwise-authentication", "enable-personal"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation(
                    "V10", .error, path(Seed.alice + ["portwise-authentication", "create-new-profile"]),
                    "a new profile needs manage-accounts-and-storage user-accounts user alice portwise-authentication enable-personal")
            ])
    }

    func testCompleteUserPasses() throws {
        var tree = Seed.tree
        tree.set(Seed.smsChannel + ["enabled", "true"])
        tree.set(Seed.alice + ["cell-phone", "+46 70 123 45 67"])
        tree.set(Seed.alice + ["portwise-authentication", "notification", "sms"])
        XCTAssertEqual(try tree.violations(), [])
    }
}
