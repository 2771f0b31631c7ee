import Foundation
import XCTest

@testable import ConfigModel

final class JSONImportTests: XCTestCase {
    private func json(_ config: ConfigTree, includeSecrets: Bool = true) throws -> Data {
        let lines = try RenderingFixtures.lines { try JSONRenderer(includeSecrets: includeSecrets).render(config, to: $0) }
        return Data(lines.joined(separator: "\n").utf8)
    }

    private func read(_ text: String) throws(JSONImportError) -> JSONImport.Result {
        try JSONImport().read(Data(text.utf8))
    }

    private func assertError(_ text: String, pointer: String, mentioning fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try read(text)
            XCTFail("accepted \(text)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.pointer, pointer, file: file, line: line)
            XCTAssertTrue(error.message.contains(fragment), "\(error)", file: file, line: line)
        }
    }

    func testRoundTrip() throws {
        for original in [try RenderingFixtures.sample(), try RenderingFixtures.awkward(), ConfigTree()] {
            let result = try JSONImport().read(json(original))
            XCTAssertEqual(result.config, original)
            XCTAssertEqual(result.maskedSecrets, [])
        }
    }

    func testMaskedSecretIsReportedNotStored() throws {
        let original = try RenderingFixtures.sample()
        let result = try JSONImport().read(json(original, includeSecrets: false))
        let password = RenderingFixtures.path("manage-system", "notification-channels", "email", "password")
        XCTAssertEqual(result.maskedSecrets, [password])
        var expected = original
        try expected.delete(password)
        XCTAssertEqual(result.config, expected)
    }

    func testNumbersAndBooleansAlsoAsStrings() throws {
        let result = try read(
            #"""
            {"manage-system": {"notification-channels": {"email": {"port": "2525", "enabled": "yes", "start-tls": false}}}}
            """#)
        let record = result.config.record(RecordKey(RenderingFixtures.path("manage-system", "notification-channels", "email")))
        XCTAssertEqual(record, Record(["port": "2525", "enabled": "true", "start-tls": "false"]))
    }

    func testEmptyContainerCreatesNothingAndEmptyEntryExists() throws {
        let result = try read(#"{"manage-system": {"distribution-services": {"global-settings": {}, "service": {"ds": {}}}}}"#)
        XCTAssertEqual(result.config.records, [RecordKey(RenderingFixtures.path("manage-system", "distribution-services", "service", "ds")): Record()])
    }

    func testUnknownKeyword() {
        assertError(#"{"manage-system": {"colour": 1}}"#, pointer: "/manage-system/colour", mentioning: "unknown keyword 'colour'")
    }

    func testAbbreviationsAreNotKeywords() {
        assertError(#"{"manage-sys": {}}"#, pointer: "/manage-sys", mentioning: "expected one of: manage-system, manage-accounts-and-storage")
    }

    func testWrongJSONType() {
        assertError(
            #"{"manage-accounts-and-storage": {"user-accounts": {"user": {"a/b~c": {"cell-phone": 4670}}}}}"#,
            pointer: "/manage-accounts-and-storage/user-accounts/user/a~1b~0c/cell-phone", mentioning: "expected a string")
        assertError(
            #"{"manage-system": {"notification-channels": {"email": {"enabled": 1}}}}"#,
            pointer: "/manage-system/notification-channels/email/enabled", mentioning: "expected true or false")
        assertError(
            #"{"manage-system": {"notification-channels": {"email": {"port": true}}}}"#,
            pointer: "/manage-system/notification-channels/email/port", mentioning: "expected a number")
        assertError(#"{"manage-system": []}"#, pointer: "/manage-system", mentioning: "expected an object, found an array")
        assertError(#"[]"#, pointer: "", mentioning: "expected an object")
        assertError(
            #"{"manage-system": {"notification-channels": {"email": {"host": null}}}}"#,
            pointer: "/manage-system/notification-channels/email/host", mentioning: "found null")
    }

    func testInvalidValue() {
        assertError(
            #"{"manage-system": {"notification-channels": {"email": {"port": 70000}}}}"#,
            pointer: "/manage-system/notification-channels/email/port", mentioning: "out of range")
        assertError(
            #"{"manage-system": {"notification-channels": {"email": {"port": 25.5}}}}"#,
            pointer: "/manage-system/notification-channels/email/port", mentioning: "not a number")
        assertError(
            #"{"manage-system": {"authentication-methods": {"method": {"m": {"type": "totp"}}}}}"#,
            pointer: "/manage-system/authentication-methods/method/m/type", mentioning: "is not one of")
    }

    func testInvalidKey() {
        assertError(
            #"{"manage-accounts-and-storage": {"user-accounts": {"user": {"": {}}}}}"#,
            pointer: "/manage-accounts-and-storage/user-accounts/user/", mentioning: "invalid user-id")
    }

    func testNotJSON() {
        assertError("{\"manage-system\": ", pointer: "", mentioning: "not a valid JSON document")
        do {
            _ = try JSONImport().read(Data([0x7B, 0xFF, 0xFE, 0x7D]))
            XCTFail("accepted invalid UTF-8")
        } catch {
            XCTAssertEqual(error.pointer, "")
        }
    }
}
