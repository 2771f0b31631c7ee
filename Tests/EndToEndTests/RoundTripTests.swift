import Foundation
import XCTest

/// SPEC §8: `export --format set --include-secrets`, run as a script on an empty store and
/// published, rebuilds exactly the same configuration, however awkward its values.
final class RoundTripTests: XCTestCase {
    /// Values a lexer can trip over, written with single quotes where that is enough and
    /// double-quoted escapes otherwise.
    static let awkward = """
        set \(P.dns) ag5.example.com
        set \(P.email) enabled
        set \(P.email) sender-address noreply@example.com
        set \(P.email) username 'mail user; #1 | "x" ?'
        set \(P.email) password 'p@ss "w0rd" #;|?$HOME \\ end'
        set \(P.users) user 'Åsa_Ödén' display-name 'Åsa Ödén 🙂'
        set \(P.users) user 'Åsa_Ödén' email asa@example.com
        set \(P.users) user "o'neil" display-name "Dave O'Neil \\"the boss\\""
        set \(P.users) user "o'neil" cell-phone '+46 70 123 45 67'
        set \(P.users) user '#hash' display-name '#not a comment'
        set \(P.users) user 'semi;colon' display-name 'a;b|c?d'
        set \(P.users) user 'dollar$' display-name '${NOT_A_VARIABLE} $x'
        set \(P.users) user 'back\\slash' display-name 'C:\\path\\to'
        set \(P.users) user 'empty|entry'
        set \(P.users) user '/slash' display-name '/starts with slash'
        set manage-accounts-and-storage self-service personal-mobile-provisioning email-message "Hello,\\n\\nline two\twith a tab\\n  -- ✉ 'signed'"
        set manage-accounts-and-storage self-service personal-mobile-provisioning email-subject '  leading and trailing  '
        set \(P.cas) certificate-authority 'CA "Root" 1' subject 'CN=Root CA, O=Nexusville; "quoted"'
        set \(P.servers) service 'radius one' host auth1.example.com
        set \(P.methods) method 'pw;method' type portwise-password
        set \(P.methods) method 'pw;method' display-name 'Password ✓ | #1'
        set \(P.methods) method 'pw;method' authentication-server 'radius one'
        set \(P.methods) method 'pw;method' extended-property 'User Attribute' value 'a "b" c'
        publish
        """

    func testExportAsSetLinesRebuildsTheConfigurationExactly() throws {
        let original = try Dashell()
        let setUp = try original.write("setup.dash", Self.awkward)
        let setUpResult = try original.run(setUp)
        XCTAssertEqual(setUpResult.status, 0, setUpResult.errors)

        let json = try original.run("export", "--format", "json", "--include-secrets")
        XCTAssertEqual(json.status, 0, json.errors)
        let exported = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        // The values arrived as typed.
        let users = value(exported, "manage-accounts-and-storage", "user-accounts", "user") as? [String: [String: Any]]
        XCTAssertEqual(users?.keys.sorted(), ["#hash", "/slash", "back\\slash", "dollar$", "empty|entry", "o'neil", "semi;colon", "Åsa_Ödén"])
        XCTAssertEqual(users?["Åsa_Ödén"]?["display-name"] as? String, "Åsa Ödén 🙂")
        XCTAssertEqual(users?["o'neil"]?["display-name"] as? String, "Dave O'Neil \"the boss\"")
        XCTAssertEqual(users?["dollar$"]?["display-name"] as? String, "${NOT_A_VARIABLE} $x")
        XCTAssertEqual(users?["back\\slash"]?["display-name"] as? String, "C:\\path\\to")
        XCTAssertEqual(value(exported, "manage-system", "notification-channels", "email", "password") as? String, "p@ss \"w0rd\" #;|?$HOME \\ end")
        XCTAssertEqual(
            value(exported, "manage-accounts-and-storage", "self-service", "personal-mobile-provisioning", "email-message") as? String,
            "Hello,\n\nline two\twith a tab\n  -- ✉ 'signed'")

        let lines = try original.run("export", "--format", "set", "--include-secrets")
        XCTAssertEqual(lines.status, 0, lines.errors)
        XCTAssertFalse(lines.output.contains("********"))

        let copy = try Dashell()
        let script = try copy.write("restore.dash", lines.output + "publish comment restore\n")
        let restored = try copy.run(script)
        XCTAssertEqual(restored.status, 0, restored.errors)
        let copyJSON = try copy.run("export", "--format", "json", "--include-secrets")
        XCTAssertEqual(copyJSON.output, json.output)
        XCTAssertEqual(try copy.run("export", "--format", "set", "--include-secrets").output, lines.output)
    }

    func testSetExportWithoutSecretsNeverOverwritesASecret() throws {
        let original = try Dashell()
        try original.ok("set \(P.email) password 'old secret'; set \(P.email) username u; publish")
        let masked = try original.run("export")
        XCTAssertEqual(masked.output, "set \(P.email) username u\n# set \(P.email) password ********\n")
        let script = try original.write("again.dash", masked.output + "publish\n")
        XCTAssertEqual(try original.run(script).status, 0)
        XCTAssertEqual(
            value(try original.published(includeSecrets: true), "manage-system", "notification-channels", "email", "password") as? String, "old secret")
    }

    func testJSONExportLoadsBackExactly() throws {
        let original = try Dashell()
        let setUp = try original.write("setup.dash", Self.awkward)
        XCTAssertEqual(try original.run(setUp).status, 0)
        let json = try original.run("export", "--format", "json", "--include-secrets").output
        let copy = try Dashell()
        _ = try copy.write("backup.json", json)
        try copy.ok("load replace backup.json; publish")
        XCTAssertEqual(try copy.run("export", "--format", "json", "--include-secrets").output, json)
    }
}
