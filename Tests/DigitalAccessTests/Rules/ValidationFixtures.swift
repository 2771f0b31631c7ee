import DigitalAccess
import XCTest

@testable import ConfigModel

extension ConfigTree {
    /// Every violation of the whole configuration.
    func violations() throws -> [Violation] {
        try validator.validate(ValidationContext(config: self, changes: nil))
    }

    /// The violations of one rule over the whole configuration.
    func violations(of rule: some ValidationRule) throws -> [Violation] {
        try rule.check(ValidationContext(config: self, changes: nil))
    }

    /// The violations of `rule` for the change from `published` to this configuration.
    func violations(of rule: some ValidationRule, since published: ConfigTree) throws -> [Violation] {
        try rule.check(ValidationContext(config: self, changes: ChangeSet.diff(from: published, to: self)))
    }

    /// Every violation for the change from `published` to this configuration.
    func violations(since published: ConfigTree) throws -> [Violation] {
        try validator.validate(ValidationContext(config: self, changes: ChangeSet.diff(from: published, to: self)))
    }
}

/// A reader over a tree that fails the test when anything reads the user list whole:
/// change-scoped validation must look only at the users a change touches.
struct UserScanGuard: ConfigReader {
    let tree: ConfigTree
    var schema: SchemaNode { tree.schema }

    private static let users = RecordKey(path(["manage-accounts-and-storage", "user-accounts", "user"]))

    func record(_ key: RecordKey) throws -> Record? { tree.record(key) }

    func forEachRecord(under ancestor: RecordKey, _ body: (RecordKey, Record) throws -> Void) throws {
        if ancestor == Self.users || Self.users.isDescendant(of: ancestor) {
            XCTFail("scanned \(ancestor.encoded.isEmpty ? "the whole configuration" : ancestor.description)")
        }
        try tree.forEachRecord(under: ancestor, body)
    }

    func referrers(of target: RecordKey) throws -> [Referrer] { try scanReferrers(of: target) }
}

/// Runs the Digital Access rules, as `validate` and `publish` do.
let validator = Validator(rules: DigitalAccessRules.all)

/// The rule ids of violations, for compact assertions.
func ids(_ violations: [Violation]) -> [String] { violations.map(\.rule) }

/// Paths of the seed configuration that tests refer to.
enum Seed {
    static let methods = ["manage-system", "authentication-methods", "method"]
    static let sameDevice = methods + ["mobile-same"]
    static let otherDevice = methods + ["mobile-other"]
    static let desktop = methods + ["desktop"]
    static let alice = ["manage-accounts-and-storage", "user-accounts", "user", "alice"]
    static let emailChannel = ["manage-system", "notification-channels", "email"]
    static let smsChannel = ["manage-system", "notification-channels", "sms"]
    static let globalSettings = ["manage-system", "distribution-services", "global-settings"]
    static let provisioning = ["manage-accounts-and-storage", "self-service", "personal-mobile-provisioning"]

    /// A complete, valid configuration: external DNS name and port; a user with Smart ID, a new
    /// profile and e-mail notification through the enabled e-mail channel; a same-device
    /// personal-mobile method with certificate authentication and everything it needs, one
    /// for another device, a personal-desktop method, and the server they run on.
    static var tree: ConfigTree {
        var tree = ConfigTree()
        tree.set(globalSettings + ["external-dns-name", "da.example.com"])
        tree.set(globalSettings + ["external-port", "8443"])
        tree.set(["manage-system", "authentication-services", "service", "radius", "host", "radius.example.com"])
        tree.set(["manage-system", "certificates", "certificate-authority", "Smart ID CA", "subject", "CN=Smart ID CA"])
        tree.set(emailChannel + ["enabled", "true"])
        tree.set(emailChannel + ["host", "smtp.example.com"])
        tree.set(emailChannel + ["sender-address", "da@example.com"])
        tree.set(alice + ["display-name", "Alice Example"])
        tree.set(alice + ["email", "alice@example.com"])
        tree.set(alice + ["portwise-authentication", "enable-personal", "true"])
        tree.set(alice + ["portwise-authentication", "create-new-profile", "true"])
        tree.set(alice + ["portwise-authentication", "notification", "email"])
        tree.set(sameDevice + ["type", "personal-mobile"])
        tree.set(sameDevice + ["display-name", "Smart ID (this device)"])
        tree.set(sameDevice + ["authentication-server", "radius"])
        tree.set(sameDevice + ["same-device", "true"])
        tree.set(sameDevice + ["personal-certificate-authentication", "true"])
        tree.set(sameDevice + ["certificate-authority", "Smart ID CA"])
        tree.set(sameDevice + ["wait-seconds", "5"])
        tree.set(sameDevice + ["redirect-text", "Opening Smart ID…"])
        tree.set(sameDevice + ["extended-property", "User Attribute", "value", "userPrincipalName"])
        tree.set(sameDevice + ["extended-property", "Certificate Attribute", "value", "subjectAltName"])
        tree.set(otherDevice + ["type", "personal-mobile"])
        tree.set(otherDevice + ["display-name", "Smart ID (other device)"])
        tree.set(otherDevice + ["authentication-server", "radius"])
        tree.set(otherDevice + ["another-device-mode", "qr-code"])
        tree.set(desktop + ["type", "personal-desktop"])
        tree.set(desktop + ["display-name", "Smart ID Desktop"])
        tree.set(desktop + ["authentication-server", "radius"])
        return tree
    }
}

extension ConfigTree {
    /// Sets the leaf named by all words but the last to the last word, which is the value.
    mutating func set(_ words: [String]) {
        try! setLeaf(ConfigPath(schemaWords: Array(words.dropLast())), to: words.last!)
    }

    mutating func delete(_ words: [String]) {
        try! delete(ConfigPath(schemaWords: words))
    }

    mutating func create(_ words: [String]) {
        try! createEntries(along: ConfigPath(schemaWords: words))
    }
}

/// A path from words as typed, each list keyword followed by its key.
func path(_ words: [String]) -> ConfigPath {
    ConfigPath(schemaWords: words)
}
