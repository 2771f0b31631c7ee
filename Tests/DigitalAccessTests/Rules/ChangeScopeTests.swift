import DigitalAccess
import XCTest

@testable import ConfigModel

/// With a change, validation looks at what the change touches and what depends on it: the
/// same problems as a full check for those records, nothing about unchanged users, and no
/// scan of the user list.
final class ChangeScopeTests: XCTestCase {
    private static let users = ["manage-accounts-and-storage", "user-accounts", "user"]

    /// The seed plus users that break V1, V10 and V11 — as if published before a rule existed.
    private var publishedWithInvalidUsers: ConfigTree {
        var tree = Seed.tree
        tree.set(Self.users + ["mallory", "portwise-authentication", "notification", "email"])
        tree.set(Self.users + ["trent", "cell-phone", "+46 70 000 00 00"])
        tree.set(Self.users + ["trent", "portwise-authentication", "notification", "sms"])
        tree.set(Self.users + ["eve", "email", "not an address"])
        return tree
    }

    /// Edits of the seed, each breaking one or more rules, that a change-scoped check must
    /// catch exactly as a full check does.
    private static let edits: [(String, @Sendable (inout ConfigTree) -> Void)] = [
        ("bad value", { $0.set(Seed.globalSettings + ["external-port", "0"]) }),
        ("missing display name", { $0.delete(Seed.desktop + ["display-name"]) }),
        ("dangling reference", { $0.set(Seed.desktop + ["authentication-server", "ldap"]) }),
        ("no CA", { $0.delete(Seed.sameDevice + ["certificate-authority"]) }),
        ("misplaced leaf", { $0.set(Seed.desktop + ["same-device", "true"]) }),
        ("missing property", { $0.delete(Seed.sameDevice + ["extended-property", "User Attribute"]) }),
        ("no DNS name", { $0.delete(Seed.globalSettings + ["external-dns-name"]) }),
        ("user without e-mail", { $0.delete(Seed.alice + ["email"]) }),
        ("new user", { $0.set(ChangeScopeTests.users + ["bob", "portwise-authentication", "create-new-profile", "true"]) }),
        ("SMS user", { $0.set(Seed.alice + ["portwise-authentication", "notification", "sms"]) }),
        ("self-service", { $0.set(Seed.provisioning + ["notify-by-sms", "true"]) }),
    ]

    func testChangeScopeFindsWhatFullCheckFinds() throws {
        for (name, edit) in Self.edits {
            var candidate = Seed.tree
            edit(&candidate)
            let full = try candidate.violations()
            let scoped = try validator.validate(
                ValidationContext(
                    config: UserScanGuard(tree: candidate),
                    changes: ChangeSet.diff(from: Seed.tree, to: candidate)))
            XCTAssertFalse(full.isEmpty, name)
            XCTAssertEqual(scoped, full, name)
        }
    }

    func testUnchangedInvalidUsersAreIgnored() throws {
        let published = publishedWithInvalidUsers
        var candidate = published
        candidate.set(Self.users + ["bob", "portwise-authentication", "notification", "email"])
        candidate.set(Seed.alice + ["display-name", "Alice B. Example"])
        let scoped = try validator.validate(
            ValidationContext(
                config: UserScanGuard(tree: candidate),
                changes: ChangeSet.diff(from: published, to: candidate)))
        XCTAssertEqual(
            scoped,
            [
                Violation(
                    "V10", .error, path(Self.users + ["bob", "portwise-authentication", "notification"]),
                    "e-mail notification needs manage-accounts-and-storage user-accounts user bob email")
            ])
        XCTAssertEqual(Set(try candidate.violations().map(\.rule)), ["V1", "V10", "V11"])
    }

    func testMethodChangeDoesNotScanUsers() throws {
        let published = publishedWithInvalidUsers
        var candidate = published
        candidate.set(Seed.desktop + ["display-name", "Smart ID for desktops"])
        candidate.delete(Seed.sameDevice + ["extended-property", "Certificate Attribute"])
        let scoped = try validator.validate(
            ValidationContext(
                config: UserScanGuard(tree: candidate),
                changes: ChangeSet.diff(from: published, to: candidate)))
        XCTAssertEqual(scoped.map(\.rule), ["V7"])
    }

    /// A large change runs V1 on a second thread: the findings must be the same as rule by
    /// rule, in the same order.
    func testALargeChangeFindsTheSameAsRuleByRule() throws {
        var candidate = Seed.tree
        for index in 0..<(Validator.besideThreshold + 200) {
            let user = Self.users + ["u\(index)"]
            switch index % 50 {
            case 0: candidate.set(user + ["email", "not an address"])  // V1
            case 1: candidate.set(user + ["portwise-authentication", "notification", "email"])  // V10
            case 2: candidate.set(user + ["portwise-authentication", "notification", "sms"])  // V10, V11
            default: candidate.set(user + ["email", "u\(index)@example.com"])
            }
        }
        let context = ValidationContext(config: UserScanGuard(tree: candidate), changes: ChangeSet.diff(from: Seed.tree, to: candidate))
        let ruleByRule = try DigitalAccessRules.all.flatMap { try $0.check(context) }.sorted(by: Violation.reportOrder)
        let found = try validator.validate(context)
        XCTAssertEqual(Set(found.map(\.rule)), ["V1", "V10", "V11"])
        XCTAssertEqual(found, ruleByRule)
    }

    func testEmptyChangeChecksNothing() throws {
        let published = publishedWithInvalidUsers
        XCTAssertEqual(try validator.validate(ValidationContext(config: UserScanGuard(tree: published), changes: ChangeSet())), [])
    }
}
