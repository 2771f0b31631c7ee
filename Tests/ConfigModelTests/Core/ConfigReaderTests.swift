import DigitalAccess
import XCTest

@testable import ConfigModel

final class ConfigReaderTests: XCTestCase {
    var tree = ConfigTree()
    let methodList = ConfigPath(methods.map { ConfigPath.Step($0) })
    let extendedProperties = methods + ["extended-property"]

    override func setUpWithError() throws {
        try tree.setLeaf(method("m2", "display-name"), to: "Two")
        try tree.setLeaf(method("m1", "authentication-server"), to: "radius")
        try tree.setLeaf(method("m1", "extended-property", "User Attribute", "value"), to: "uid")
        try tree.setLeaf(method("m1", "extended-property", "Certificate Attribute", "value"), to: "cn")
        try tree.setLeaf(method("m1 b", "authentication-server"), to: "radius")
        try tree.setLeaf(method("m1 b", "extended-property", "User Attribute", "value"), to: "mail")
        try tree.createEntries(along: method("M0"))
        try tree.setLeaf(method("m2", "authentication-server"), to: "other")
        try tree.createEntries(along: authenticationService("radius"))
        try tree.createEntries(along: ConfigPath(schemaWords: distributionServices + ["radius"]))
        try tree.setLeaf(user("alice", "email"), to: "alice@example.com")
    }

    func testEntriesOfAListAreItsDirectEntriesInKeyOrder() throws {
        let entries = try tree.entries(of: methodList)
        XCTAssertEqual(entries.map(\.key), ["M0", "m1", "m1 b", "m2"])
        XCTAssertEqual(entries.first { $0.key == "m2" }?.record, Record(["display-name": "Two", "authentication-server": "other"]))
        XCTAssertEqual(entries.first { $0.key == "M0" }?.record, Record())
    }

    func testEntriesOfANestedListBelongToOneEntry() throws {
        XCTAssertEqual(try tree.entries(of: method("m1", "extended-property")).map(\.key), ["Certificate Attribute", "User Attribute"])
        XCTAssertEqual(try tree.entries(of: method("m1 b", "extended-property")).map(\.key), ["User Attribute"])
        XCTAssertEqual(try tree.entries(of: method("m2", "extended-property")).count, 0)
    }

    func testForEachListEntryVisitsEntriesAtAnyDepth() throws {
        var seen: [ConfigPath] = []
        try tree.forEachListEntry(extendedProperties) { key, _ in seen.append(key.path()!) }
        XCTAssertEqual(
            seen,
            [
                method("m1", "extended-property", "Certificate Attribute"),
                method("m1", "extended-property", "User Attribute"),
                method("m1 b", "extended-property", "User Attribute"),
            ])
        var methodsSeen: [String] = []
        try tree.forEachListEntry(methods) { key, _ in methodsSeen.append(key.path()!.steps.last!.key!) }
        XCTAssertEqual(methodsSeen, ["M0", "m1", "m1 b", "m2"])
    }

    func testReferrersAreTheRecordsNamingTheEntry() throws {
        let referrers = try tree.referrers(of: RecordKey(authenticationService("radius")))
        XCTAssertEqual(
            referrers,
            [
                Referrer(record: RecordKey(method("m1")), leaf: "authentication-server"),
                Referrer(record: RecordKey(method("m1 b")), leaf: "authentication-server"),
            ])
        XCTAssertEqual(try tree.referrers(of: RecordKey(ConfigPath(schemaWords: distributionServices + ["radius"]))), [])
        XCTAssertEqual(try tree.referrers(of: RecordKey(authenticationService("unused"))), [])
    }

    func testReferrersThroughTheCertificateAuthorityLeaf() throws {
        let ca = path("manage-system", "certificates", "certificate-authority", "radius")
        try tree.setLeaf(method("m2", "certificate-authority"), to: "radius")
        XCTAssertEqual(try tree.referrers(of: RecordKey(ca)), [Referrer(record: RecordKey(method("m2")), leaf: "certificate-authority")])
    }

    func testEffectiveValueFallsBackToTheDefault() throws {
        XCTAssertEqual(try tree.effectiveValue(at: method("m1", "enabled")), "true")
        XCTAssertEqual(try tree.effectiveValue(at: method("m1", "display-name")), nil)
        XCTAssertEqual(try tree.effectiveValue(at: user("alice", "portwise-authentication", "notification")), "none")
        XCTAssertEqual(try tree.effectiveValue(at: user("alice", "email")), "alice@example.com")
    }

    func testReferenceLeavesOfTheSchema() {
        XCTAssertEqual(
            DigitalAccessSchema.root.referenceLeaves,
            [
                ReferenceLeaf(
                    list: ["manage-system", "delegated-management", "administrator"], leaf: "role",
                    target: ["manage-system", "delegated-management", "role"]),
                ReferenceLeaf(list: methods, leaf: "authentication-server", target: authenticationServices),
                ReferenceLeaf(list: methods, leaf: "certificate-authority", target: ["manage-system", "certificates", "certificate-authority"]),
            ])
    }
}
