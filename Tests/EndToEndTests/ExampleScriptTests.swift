import Foundation
import XCTest

/// The scripts in scripts/examples, run as a user would, and what they publish.
final class ExampleScriptTests: XCTestCase {
    private func example(_ name: String) -> String {
        Dashell.repository + "/scripts/examples/" + name + ".dash"
    }

    private func runExample(_ dashell: Dashell, _ name: String, _ options: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try dashell.run(options + [example(name)])
        XCTAssertEqual(result.status, 0, "\(name): \(result.output)\n\(result.errors)", file: file, line: line)
    }

    private func methods(_ json: [String: Any]) -> [String: [String: Any]] {
        value(json, "manage-system", "authentication-methods", "method") as? [String: [String: Any]] ?? [:]
    }

    func testSmartIDAuthentication() throws {
        let dashell = try Dashell()
        try runExample(dashell, "smart-id-authentication")
        let json = try dashell.published()
        assertJSON(
            value(json, "manage-system", "distribution-services", "global-settings"),
            ["external-dns-name": "ag5.nexusville.com", "external-port": 443])
        assertJSON(
            value(json, "manage-system", "notification-channels", "email"),
            ["enabled": true, "host": "smtp.nexusville.com", "sender-address": "noreply@nexusville.com"])
        assertJSON(
            value(json, "manage-system", "authentication-services", "service"),
            ["radius-1": ["host": "auth1.nexusville.com"]])
        assertJSON(
            value(json, "manage-system", "certificates", "certificate-authority"),
            ["Nexusville Issuing CA": ["subject": "CN=Nexusville Issuing CA, O=Nexusville"]])
        assertJSON(
            value(json, "manage-accounts-and-storage", "user-accounts", "user", "alice"),
            [
                "display-name": "Alice Andersson", "email": "alice@nexusville.com",
                "portwise-authentication": ["enable-personal": true, "create-new-profile": true, "notification": "email"],
            ])

        let all = methods(json)
        XCTAssertEqual(all.keys.sorted(), ["smart-id-desktop", "smart-id-other-device", "smart-id-this-device"])
        let properties: [String: Any] = ["User Attribute": ["value": "mail"], "Certificate Attribute": ["value": "subjectaltname-emailaddress"]]
        assertJSON(
            all["smart-id-this-device"],
            [
                "type": "personal-mobile", "display-name": "Smart ID on this device", "authentication-server": "radius-1",
                "personal-certificate-authentication": true, "certificate-authority": "Nexusville Issuing CA",
                "same-device": true, "wait-seconds": 5, "redirect-text": "Opening Smart ID…", "extended-property": properties,
            ])
        assertJSON(
            all["smart-id-other-device"],
            [
                "type": "personal-mobile", "display-name": "Smart ID on another device", "another-device-mode": "qr-code",
                "authentication-server": "radius-1",
            ])
        assertJSON(
            all["smart-id-desktop"],
            [
                "type": "personal-desktop", "display-name": "Smart ID Desktop", "personal-certificate-authentication": true,
                "certificate-authority": "Nexusville Issuing CA", "authentication-server": "radius-1", "extended-property": properties,
            ])
        let history = try dashell.ok("show history").outputLines
        XCTAssertEqual(history.count, 1)
        XCTAssertTrue(history[0].contains("  tester  script \(example("smart-id-authentication"))  "), history[0])
        XCTAssertTrue(history[0].hasSuffix("\"Smart ID authentication\""), history[0])
    }

    func testBulkAddUsersWithADomainVariable() throws {
        let dashell = try Dashell()
        try runExample(dashell, "bulk-add-users", ["-D", "DOMAIN=nexusville.com"])
        let users = value(try dashell.published(), "manage-accounts-and-storage", "user-accounts", "user")
        let personal: [String: Any] = ["enable-personal": true]
        assertJSON(
            users,
            [
                "bob": ["display-name": "Bob Berg", "email": "bob@nexusville.com", "portwise-authentication": personal],
                "carol": ["display-name": "Carol Černá", "email": "carol@nexusville.com", "portwise-authentication": personal],
                "dave": ["display-name": "Dave O'Neil", "cell-phone": "+46 70 123 45 67", "portwise-authentication": personal],
            ])
        XCTAssertTrue(try dashell.ok("show history").output.hasSuffix("\"Add bob, carol and dave\"\n"))
    }

    func testBulkAddUsersWithoutTheDomainFailsAndPublishesNothing() throws {
        let dashell = try Dashell()
        let result = try dashell.run(example("bulk-add-users"))
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.contains("DOMAIN"), result.errors)
        XCTAssertEqual(try dashell.revisionCount(), 0)
    }

    func testRotateCAAfterSetUp() throws {
        let dashell = try Dashell()
        try runExample(dashell, "smart-id-authentication")
        try runExample(dashell, "rotate-ca")
        let json = try dashell.published()
        assertJSON(
            value(json, "manage-system", "certificates", "certificate-authority"),
            ["Nexusville Issuing CA 2": ["subject": "CN=Nexusville Issuing CA 2, O=Nexusville"]])
        let all = methods(json)
        XCTAssertEqual(all["smart-id-this-device"]?["certificate-authority"] as? String, "Nexusville Issuing CA 2")
        XCTAssertEqual(all["smart-id-desktop"]?["certificate-authority"] as? String, "Nexusville Issuing CA 2")
        XCTAssertNil(all["smart-id-other-device"]?["certificate-authority"])
        XCTAssertEqual(try dashell.revisionCount(), 2)
    }

    func testRotateCAStopsWhenAMethodStillNamesTheOldCA() throws {
        let dashell = try Dashell()
        try runExample(dashell, "smart-id-authentication")
        let text = try String(contentsOfFile: example("rotate-ca"), encoding: .utf8)
            .replacingOccurrences(of: "set method smart-id-desktop certificate-authority \"Nexusville Issuing CA 2\"\n", with: "")
        let script = try dashell.write("rotate-forgetful.dash", text)
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 3, result.errors)
        XCTAssertTrue(result.errors.contains("smart-id-desktop"), result.errors)
        XCTAssertEqual(try dashell.revisionCount(), 1)
    }

    func testRemoveMethodAfterSetUp() throws {
        let dashell = try Dashell()
        try runExample(dashell, "smart-id-authentication")
        let result = try dashell.run(example("remove-method"))
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.outputLines.contains("- manage-system authentication-methods method smart-id-desktop"), result.output)
        XCTAssertEqual(methods(try dashell.published()).keys.sorted(), ["smart-id-other-device", "smart-id-this-device"])
        XCTAssertTrue(try dashell.ok("show history 1").output.hasSuffix("\"Retire the Smart ID Desktop method\"\n"))
    }

    func testAllExamplesInOrder() throws {
        let dashell = try Dashell()
        try runExample(dashell, "smart-id-authentication")
        try runExample(dashell, "bulk-add-users", ["-D", "DOMAIN=example.org"])
        try runExample(dashell, "rotate-ca")
        try runExample(dashell, "remove-method")
        let json = try dashell.published()
        XCTAssertEqual(methods(json).keys.sorted(), ["smart-id-other-device", "smart-id-this-device"])
        XCTAssertEqual(
            (value(json, "manage-accounts-and-storage", "user-accounts", "user") as? [String: Any])?.keys.sorted(), ["alice", "bob", "carol", "dave"])
        XCTAssertEqual((value(json, "manage-system", "certificates", "certificate-authority") as? [String: Any])?.keys.sorted(), ["Nexusville Issuing CA 2"])
        XCTAssertEqual(try dashell.revisionCount(), 4)
    }
}
