import XCTest

@testable import ConfigModel

final class V11NotificationChannelsTests: XCTestCase {
    private let emailMessage = "e-mail notification needs manage-system notification-channels email enabled"

    func testUserEmailNotificationNeedsEnabledChannel() throws {
        var tree = Seed.tree
        tree.set(Seed.emailChannel + ["enabled", "false"])
        XCTAssertEqual(
            try tree.violations(),
            [Violation("V11", .error, path(Seed.alice + ["portwise-authentication", "notification"]), emailMessage)])
        XCTAssertEqual(
            try tree.violations()[0].description,
            "manage-accounts-and-storage user-accounts user alice portwise-authentication notification: " + emailMessage)
    }

    func testSelfServiceNotificationNeedsEnabledChannel() throws {
        var tree = Seed.tree
        tree.set(Seed.provisioning + ["notify-by-sms", "true"])
        XCTAssertEqual(
            try tree.violations(),
            [
                Violation(
                    "V11", .error, path(Seed.provisioning + ["notify-by-sms"]),
                    "SMS notification needs manage-system notification-channels sms enabled")
            ])
    }

    func testDisablingTheChannelRechecksUnchangedUsersAndSelfService() throws {
        var published = Seed.tree
        published.set(Seed.provisioning + ["notify-by-mail", "true"])
        published.set(["manage-accounts-and-storage", "user-accounts", "user", "bob", "email", "bob@example.com"])
        published.set(["manage-accounts-and-storage", "user-accounts", "user", "bob", "portwise-authentication", "notification", "email"])
        var candidate = published
        candidate.set(Seed.emailChannel + ["enabled", "false"])
        XCTAssertEqual(
            try candidate.violations(since: published).map(\.path.description),
            [
                "manage-accounts-and-storage self-service personal-mobile-provisioning notify-by-mail",
                "manage-accounts-and-storage user-accounts user alice portwise-authentication notification",
                "manage-accounts-and-storage user-accounts user bob portwise-authentication notification",
            ])
    }

    func testEnabledChannelsPass() throws {
        var tree = Seed.tree
        tree.set(Seed.provisioning + ["notify-by-mail", "true"])
        tree.set(Seed.provisioning + ["notify-by-sms", "true"])
        tree.set(Seed.smsChannel + ["enabled", "true"])
        XCTAssertEqual(try tree.violations(), [])
    }
}
