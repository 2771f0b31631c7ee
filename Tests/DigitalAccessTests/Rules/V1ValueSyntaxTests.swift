import XCTest

@testable import ConfigModel

final class V1ValueSyntaxTests: XCTestCase {
    func testOutOfRangePortIsAnError() throws {
        var tree = Seed.tree
        tree.set(Seed.globalSettings + ["external-port", "70000"])
        let found = try tree.violations()
        XCTAssertEqual(found, [Violation("V1", .error, path(Seed.globalSettings + ["external-port"]), "70000 is out of range 1–65535")])
    }

    func testNonCanonicalValueIsAnError() throws {
        var tree = Seed.tree
        tree.set(Seed.emailChannel + ["start-tls", "yes"])
        let found = try tree.violations()
        XCTAssertEqual(ids(found), ["V1"])
        XCTAssertEqual(found.first?.message, "yes is not in canonical form true")
    }

    func testUnknownLeafIsAnError() throws {
        var tree = Seed.tree
        let alice = RecordKey(path(Seed.alice))
        tree.records[alice]?["favourite-colour"] = "blue"
        XCTAssertEqual(
            try tree.violations(),
            [Violation("V1", .error, path(Seed.alice).appending("favourite-colour"), "is not in the schema")])
    }

    func testRecordOutsideTheSchemaIsAnError() throws {
        var tree = Seed.tree
        tree.records[RecordKey(encoded: "manage-system\u{1F}gadgets")] = Record(["size": "1"])
        let found = try tree.violations()
        XCTAssertEqual(ids(found), ["V1"])
        XCTAssertEqual(found.first?.description, "manage-system gadgets: is not in the schema")
    }

    func testBadSecretIsReportedWithoutItsValue() throws {
        var tree = Seed.tree
        tree.set(Seed.emailChannel + ["password", "hunter2\u{7}"])
        let found = try tree.violations()
        XCTAssertEqual(ids(found), ["V1"])
        XCTAssertFalse(found[0].message.contains("hunter2"))
        XCTAssertTrue(found[0].message.hasPrefix("********"))
    }

    func testValidValuesPass() throws {
        var tree = Seed.tree
        tree.set(Seed.emailChannel + ["password", "s3cret with spaces"])
        tree.set(Seed.smsChannel + ["gateway-url", "https://sms.example.com/send"])
        XCTAssertEqual(try tree.violations(of: V1ValueSyntax()), [])
    }

    func testChangeScopeChecksChangedRecordsOnly() throws {
        var published = Seed.tree
        published.set(Seed.alice + ["email", "not an address"])
        var candidate = published
        candidate.set(Seed.globalSettings + ["external-port", "0"])
        XCTAssertEqual(
            try candidate.violations(of: V1ValueSyntax(), since: published).map(\.path),
            [path(Seed.globalSettings + ["external-port"])])
    }
}
