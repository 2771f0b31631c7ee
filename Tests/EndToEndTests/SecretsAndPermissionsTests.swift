import Foundation
import XCTest

/// SPEC §2 and §8: a secret is printed only by `export --include-secrets`; the store holding
/// it is private. (The interactive history file is covered by InteractiveTests.)
final class SecretsAndPermissionsTests: XCTestCase {
    private let secret = "s3cr3t-Pa55"
    private let newSecret = "n3w-s3cr3t-Pa55"
    private let email = "manage-system notification-channels email"

    /// A store whose published e-mail channel has a password.
    private func storeWithSecret() throws -> Dashell {
        let dashell = try Dashell()
        let script = try dashell.write(
            "secret.dash",
            """
            edit \(email)
            set enabled true
            set host smtp.example.com
            set username mailer
            set password "\(secret)"
            publish comment "mail channel"
            """)
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 0, result.errors)
        return dashell
    }

    private func assertNoSecret(_ result: Dashell.Result, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for text in [result.output, result.errors] {
            XCTAssertFalse(text.contains("s3cr3t"), "\(what) shows the secret:\n\(text)", file: file, line: line)
        }
    }

    func testAScriptMustGiveASecretsValue() throws {
        let dashell = try Dashell()
        let script = try dashell.write("deploy.dash", "set \(email) enabled true\nset \(email) password\npublish\n")
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errorLines.first, "deploy.dash:2:47: error: \(email) password needs a value (secret); only an interactive shell asks for one")
        let inline = try dashell.fails("set \(email) password")
        XCTAssertTrue(inline.errors.hasPrefix("<command-line>:1:"), inline.errors)
        XCTAssertTrue(inline.errors.contains("only an interactive shell asks for one"), inline.errors)
        XCTAssertEqual(try dashell.revisionCount(), 0)
        XCTAssertTrue(try dashell.ok("help set").output.contains("A secret without a value is asked for twice without echo"))
    }

    func testShowAndDisplayFormatsMaskTheSecret() throws {
        let dashell = try storeWithSecret()
        for command in [
            "show", "show \(email)", "show published", "show revision 1", "show | display json", "show | display set",
            "show | display tree", "ls \(email)", "show \(email) password", "show | match password",
        ] {
            let result = try dashell.run("-c", command)
            XCTAssertEqual(result.status, 0, "\(command): \(result.errors)")
            XCTAssertTrue(result.output.contains("********"), "\(command) shows the mask: \(result.output)")
            assertNoSecret(result, command)
        }
    }

    func testCompareAndCheckMaskOldAndNewSecrets() throws {
        let dashell = try storeWithSecret()
        let compare = try dashell.run("-c", "set \(email) password \(newSecret); compare; compare revision 0; compare revision 0 revision 1")
        XCTAssertEqual(compare.status, 0, compare.errors)
        XCTAssertTrue(compare.output.contains("********"), compare.output)
        assertNoSecret(compare, "compare")
        let script = try dashell.write("change.dash", "set \(email) password \(newSecret)\npublish\n")
        let check = try dashell.run("check", script)
        XCTAssertEqual(check.status, 0, check.errors)
        assertNoSecret(check, "check")
    }

    func testHistoryAndJSONOutputMaskTheSecret() throws {
        let dashell = try storeWithSecret()
        let published = try dashell.run("-c", "set \(email) password \(newSecret); publish comment rotated")
        XCTAssertEqual(published.status, 0, published.errors)
        assertNoSecret(published, "publish")
        assertNoSecret(try dashell.run("-c", "show history"), "show history")
        let json = try dashell.run("--json", "-c", "show \(email); compare revision 1 revision 2; show history; status")
        XCTAssertEqual(json.status, 0, json.errors)
        assertNoSecret(json, "--json")
        assertNoSecret(try dashell.run("--json", "-c", "set \(email) password \(newSecret)x; publish"), "--json publish")
    }

    func testErrorMessagesMaskTheSecret() throws {
        let dashell = try storeWithSecret()
        // A bad value for a secret: the message and the echoed line show the mask.
        let bad = try dashell.run("-c", "set \(email) password \"\(newSecret)\\nsecond line\"")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.errors.contains("password: ******** contains the control character U+000A"), bad.errors)
        assertNoSecret(bad, "a bad secret value")
        // A later command on the line fails: the line is echoed with the secret masked.
        let later = try dashell.run("-c", "set \(email) password \(newSecret); frobnicate")
        XCTAssertEqual(later.status, 1)
        XCTAssertTrue(later.errors.contains("unknown command 'frobnicate'"), later.errors)
        XCTAssertTrue(later.errors.contains("set \(email) password ********"), later.errors)
        assertNoSecret(later, "a failing line holding a secret")
        // In a script file, and with --json.
        let script = try dashell.write("bad.dash", "edit \(email)\nset password \(newSecret) extra\n")
        let file = try dashell.run(script)
        XCTAssertEqual(file.status, 1)
        assertNoSecret(file, "a script error")
        assertNoSecret(try dashell.run(["--json", script]), "a --json script error")
        // A published secret that validation complains about is not shown either.
        let invalid = try dashell.run(
            "-c", "set \(email) enabled false; set manage-accounts-and-storage self-service personal-mobile-provisioning notify-by-mail true; publish")
        XCTAssertEqual(invalid.status, 3, invalid.errors)
        assertNoSecret(invalid, "validation errors")
    }

    /// SPEC §8: the mask is how a secret shows, never a value. A `set` of a secret to it (a
    /// line recalled from the history, copied from an export) is refused from every source,
    /// saying why, and the secret is kept.
    func testSetOfASecretToTheMaskIsRefusedFromEverySource() throws {
        let dashell = try storeWithSecret()
        let maskLine = "set \(email) password ********"
        _ = try dashell.write("mask.dash", maskLine + "\n")
        let sources: [(what: String, arguments: [String], input: String)] = [
            ("-c", ["-c", maskLine], ""),
            ("-c, quoted", ["-c", "set \(email) password '********'"], ""),
            ("-c, below the top", ["-c", "edit \(email); set password ********"], ""),
            ("a script file", ["mask.dash"], ""),
            ("standard input", [], maskLine + "\n"),
            ("check", ["check", "mask.dash"], ""),
            ("source", ["-c", "source mask.dash"], ""),
            ("load", ["-c", "load merge mask.dash"], ""),
            ("--json", ["--json", "-c", maskLine], ""),
        ]
        for source in sources {
            let result = try dashell.run(source.arguments, stdin: Data(source.input.utf8))
            XCTAssertEqual(result.status, 1, "\(source.what): \(result.errors)")
            XCTAssertTrue(
                (result.errors + result.output).contains("\(email) password: ******** is the mask shown in place of a secret"),
                "\(source.what): \(result.errors)\(result.output)")
        }
        let published = try dashell.published(includeSecrets: true)
        XCTAssertEqual(value(published, "manage-system", "notification-channels", "email", "password") as? String, secret)
    }

    func testExportShowsTheSecretOnlyWhenAsked() throws {
        let dashell = try storeWithSecret()
        for format in ["set", "json", "tree"] {
            let masked = try dashell.run("export", "--format", format)
            XCTAssertEqual(masked.status, 0, masked.errors)
            assertNoSecret(masked, "export --format \(format)")
            let clear = try dashell.run("export", "--format", format, "--include-secrets")
            XCTAssertTrue(clear.output.contains(secret), "export --format \(format) --include-secrets: \(clear.output)")
        }
        assertNoSecret(try dashell.run("export", "--revision", "1", "--with-defaults", "--format", "json"), "export --revision 1")
    }

    func testStoreIsCreatedPrivateInPrivateDirectories() throws {
        let dashell = try Dashell(existingStore: false)
        XCTAssertEqual(try dashell.run(["-c", "show"]).status, 0)
        XCTAssertEqual(try mode(dashell.store), 0o600)
        // The default location, $XDG_DATA_HOME/dashell/store.sqlite, the one whose directories
        // are created implicitly (elsewhere `store init` does: StoreLocationTests).
        XCTAssertEqual(try dashell.run(["-c", "show"], withStore: false).status, 0)
        XCTAssertEqual(try mode(dashell.directory + "/data/dashell/store.sqlite"), 0o600)
        XCTAssertEqual(try mode(dashell.directory + "/data/dashell"), 0o700)
        XCTAssertEqual(try mode(dashell.directory + "/data"), 0o700)
    }

    func testStoreReadableByOthersIsWarnedAbout() throws {
        let dashell = try storeWithSecret()
        let quiet = try dashell.run("-c", "show \(email) host")
        XCTAssertFalse(quiet.errors.contains("readable by other users"), quiet.errors)
        XCTAssertEqual(chmod(dashell.store, 0o644), 0)
        for arguments in [["-c", "show \(email) host"], ["export"]] {
            let warned = try dashell.run(arguments)
            XCTAssertEqual(warned.status, 0, warned.errors)
            XCTAssertTrue(warned.errors.contains("warning: \(dashell.store) is readable by other users and holds secrets; chmod 600 it"), warned.errors)
        }
        XCTAssertEqual(try mode(dashell.store), 0o644, "the warning changes nothing by itself")
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
    }
}
