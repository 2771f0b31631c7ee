import DigitalAccess
import XCTest

@testable import ConfigModel

final class ValueTypeTests: XCTestCase {
    // MARK: port and uint

    func testPortAcceptsItsRangeInCanonicalForm() throws {
        XCTAssertEqual(try ValueType.port.parse("1"), "1")
        XCTAssertEqual(try ValueType.port.parse("443"), "443")
        XCTAssertEqual(try ValueType.port.parse("65535"), "65535")
        XCTAssertEqual(try ValueType.port.parse("0080"), "80")
    }

    func testPortOutOfRangeSaysTheRange() {
        XCTAssertEqual(parseError(.port, "70000"), "70000 is out of range 1–65535")
        XCTAssertEqual(parseError(.port, "0"), "0 is out of range 1–65535")
        XCTAssertEqual(parseError(.port, "-1"), "-1 is out of range 1–65535")
        XCTAssertEqual(parseError(.port, "99999999999999999999999"), "99999999999999999999999 is out of range 1–65535")
    }

    func testPortThatIsNotANumber() {
        XCTAssertEqual(parseError(.port, "https"), "https is not a number (expected 1–65535)")
        XCTAssertEqual(parseError(.port, ""), "\"\" is not a number (expected 1–65535)")
        XCTAssertEqual(parseError(.port, "-"), "- is not a number (expected 1–65535)")
        XCTAssertNotNil(parseError(.port, "+80"))
        XCTAssertNotNil(parseError(.port, " 80"))
        XCTAssertNotNil(parseError(.port, "8 0"))
        XCTAssertNotNil(parseError(.port, "80.0"))
    }

    func testUintHonoursItsRange() throws {
        let seconds = ValueType.uint(0...300)
        XCTAssertEqual(try seconds.parse("0"), "0")
        XCTAssertEqual(try seconds.parse("300"), "300")
        XCTAssertEqual(try seconds.parse("007"), "7")
        XCTAssertEqual(parseError(seconds, "301"), "301 is out of range 0–300")
        XCTAssertEqual(parseError(seconds, "-1"), "-1 is out of range 0–300")
        XCTAssertEqual(parseError(seconds, "three"), "three is not a number (expected 0–300)")
    }

    // MARK: boolean and enumeration

    func testBooleanSpellingsBecomeTrueOrFalse() throws {
        let expected = [
            "true": "true", "false": "false", "enabled": "true", "disabled": "false",
            "yes": "true", "no": "false", "YES": "true", "No": "false", "Enabled": "true", "FALSE": "false",
        ]
        for (typed, canonical) in expected {
            XCTAssertEqual(try ValueType.boolean.parse(typed), canonical, typed)
        }
    }

    func testBooleanRefusesOtherWords() {
        XCTAssertEqual(parseError(.boolean, "on"), "on is not a boolean (true, false, enabled, disabled, yes, no)")
        XCTAssertNotNil(parseError(.boolean, "1"))
        XCTAssertNotNil(parseError(.boolean, ""))
        XCTAssertNotNil(parseError(.boolean, "y"))
    }

    func testEnumerationIsCaseInsensitiveAndCanonical() throws {
        let mode = ValueType.enumeration(["qr-code", "username"])
        XCTAssertEqual(try mode.parse("QR-Code"), "qr-code")
        XCTAssertEqual(try mode.parse("username"), "username")
        XCTAssertEqual(parseError(mode, "qx"), "qx is not one of qr-code, username")
        XCTAssertNotNil(parseError(mode, ""))
    }

    /// As administrators know them: a unique prefix of the word, or the Admin label.
    func testEnumerationValuesByPrefixOrAdminLabel() throws {
        let notification = ValueType.enumeration([EnumValue("none", label: "None"), EnumValue("email", label: "By E-mail"), "sms"])
        XCTAssertEqual(try notification.parse("em"), "email")
        XCTAssertEqual(try notification.parse("By E-mail"), "email")
        XCTAssertEqual(try notification.parse("by e-mail"), "email")
        XCTAssertEqual(try notification.parse("S"), "sms")
        let mode = ValueType.enumeration(["qr-code", "query"])
        XCTAssertEqual(parseError(mode, "q"), "q is ambiguous: could be qr-code, query")
    }

    // MARK: hostname

    func testValidHostnames() throws {
        for name in ["da.example.com", "localhost", "a-b.example", "xn--bcher-kva.example", "Example.COM", "10.example", "a"] {
            XCTAssertEqual(try ValueType.hostname.parse(name), name)
        }
    }

    func testHostnameLabelsAreAtMost63Characters() {
        let longest = String(repeating: "a", count: 63)
        XCTAssertNil(parseError(.hostname, longest + ".example.com"))
        XCTAssertEqual(
            parseError(.hostname, longest + "a.example.com")?.hasSuffix(
                "is not a valid DNS name (letters, digits and '-' in dot-separated labels of at most 63 characters)"), true)
    }

    func testHostnameIsAtMost253Characters() {
        // 4 labels of 63 and one of 1, with dots: 4 * 64 + 1 = 257; trim to exactly 253.
        let label = String(repeating: "a", count: 63)
        let name253 = [label, label, label, String(repeating: "b", count: 61)].joined(separator: ".")
        XCTAssertEqual(name253.utf8.count, 253)
        XCTAssertNil(parseError(.hostname, name253))
        XCTAssertNotNil(parseError(.hostname, name253 + "b"))
        // The trailing dot of a fully qualified name is not part of the 253.
        XCTAssertNil(parseError(.hostname, name253 + "."))
    }

    func testHostnameLabelsCannotStartOrEndWithAHyphen() {
        XCTAssertEqual(
            parseError(.hostname, "-da.example.com"),
            "-da.example.com is not a valid DNS name (letters, digits and '-' in dot-separated labels of at most 63 characters)")
        XCTAssertNotNil(parseError(.hostname, "da-.example.com"))
        XCTAssertNotNil(parseError(.hostname, "da.-example.com"))
    }

    func testHostnameAllowsOneTrailingDotOnly() {
        XCTAssertNil(parseError(.hostname, "da.example.com."))
        XCTAssertNotNil(parseError(.hostname, "da.example.com.."))
        XCTAssertNotNil(parseError(.hostname, "."))
        XCTAssertNotNil(parseError(.hostname, ".example.com"))
        XCTAssertNotNil(parseError(.hostname, "da..example.com"))
    }

    func testHostnameRefusesOtherCharacters() {
        for name in ["", "da_1.example.com", "bücher.example", "da example.com", "da.example.com:443", "http://da.example.com"] {
            XCTAssertNotNil(parseError(.hostname, name), name)
        }
    }

    // MARK: email

    func testValidEmailAddresses() throws {
        for address in ["alice@example.com", "a.b+tag@mail.example.co.uk", "root@localhost", "o'brien@example.com"] {
            XCTAssertEqual(try ValueType.email.parse(address), address)
        }
    }

    func testInvalidEmailAddresses() {
        XCTAssertEqual(parseError(.email, "alice"), "alice is not an e-mail address (local-part@domain)")
        for address in [
            "@example.com", "alice@", "alice@example", "a..b@example.com", ".alice@example.com",
            "alice.@example.com", "alice smith@example.com", "alice@-mail.example.com",
            "a@b@example.com", "alice@exa_mple.com", String(repeating: "a", count: 65) + "@example.com",
        ] {
            XCTAssertNotNil(parseError(.email, address), address)
        }
    }

    // MARK: string, secret and text

    func testStringRefusesControlCharacters() {
        XCTAssertEqual(parseError(.string, "line 1\nline 2"), "\"line 1\\nline 2\" contains the control character U+000A")
        XCTAssertEqual(parseError(.string, "a\tb"), "\"a\tb\" contains the control character U+0009")
        XCTAssertEqual(parseError(.string, "a\u{0}b")?.hasSuffix("contains the control character U+0000"), true)
        XCTAssertEqual(parseError(.string, "a\u{7F}b")?.hasSuffix("contains the control character U+007F"), true)
        XCTAssertEqual(parseError(.secret, "pass\u{1F}word")?.hasSuffix("contains the control character U+001F"), true)
    }

    func testSecretErrorShowsTheMaskNotTheValue() {
        XCTAssertEqual(parseError(.secret, "s3cr3t\nvalue"), "******** contains the control character U+000A")
    }

    /// The mask is how a secret shows, so a line recalled from the history holds it: as a
    /// value it is refused, wherever it comes from; anything else of asterisks is a password.
    func testSecretRefusesTheMask() throws {
        XCTAssertEqual(parseError(.secret, "********"), "******** is the mask shown in place of a secret, not a value; type the secret itself")
        XCTAssertEqual(try ValueType.secret.parse("*********"), "*********")
        XCTAssertEqual(try ValueType.string.parse("********"), "********")
    }

    func testStringKeepsSpacesQuotesAndNonASCII() throws {
        XCTAssertEqual(try ValueType.string.parse("+46 70 123 45 67"), "+46 70 123 45 67")
        XCTAssertEqual(try ValueType.string.parse("say \"hi\" — ünïcødé ✓"), "say \"hi\" — ünïcødé ✓")
        XCTAssertEqual(try ValueType.string.parse(""), "")
        XCTAssertEqual(try ValueType.secret.parse("p@ss w0rd$"), "p@ss w0rd$")
    }

    func testTextAllowsLineBreaksButNoOtherControlCharacters() throws {
        XCTAssertEqual(try ValueType.text.parse("Dear user,\nyour code is ready."), "Dear user,\nyour code is ready.")
        XCTAssertEqual(try ValueType.text.parse("Redirecting to Smart ID…"), "Redirecting to Smart ID…")
        XCTAssertEqual(parseError(.text, "bell\u{7}")?.hasSuffix("contains the control character U+0007"), true)
        XCTAssertNotNil(parseError(.text, "a\u{1E}b"))
    }

    // MARK: list keys and references

    func testListKeyCannotBeEmpty() {
        XCTAssertThrowsError(try ListKey.name.validate("")) { error in
            XCTAssertEqual("\(error)", "\"\" is empty; a key needs at least one character")
        }
    }

    func testListKeyIsAtMost255Bytes() throws {
        let longest = String(repeating: "k", count: 255)
        XCTAssertEqual(try ListKey.name.validate(longest), longest)
        XCTAssertThrowsError(try ListKey.name.validate(longest + "k")) { error in
            XCTAssertEqual((error as? ValueError)?.problem, "is longer than 255 bytes")
        }
        // Bytes, not characters: 128 two-byte characters are 256 bytes.
        XCTAssertThrowsError(try ListKey.name.validate(String(repeating: "é", count: 128)))
    }

    func testListKeyRefusesControlCharactersButKeepsSpaces() throws {
        XCTAssertEqual(try ListKey.name.validate("User Attribute"), "User Attribute")
        XCTAssertEqual(try ListKey.name.validate("José Müller"), "José Müller")
        XCTAssertThrowsError(try ListKey.name.validate("a\u{1F}b"))
        XCTAssertThrowsError(try ListKey.name.validate("a\nb"))
    }

    func testNoKeyHoldsAPatternCharacter() {
        for key in ["*", "user-*", "a?b", "[ab]", "x]"] {
            for type in [ListKey.name, .identifier] {
                XCTAssertThrowsError(try type.validate(key), key) { error in
                    XCTAssertTrue((error as? ValueError)?.problem.contains("selects entries by pattern") == true, "\(error)")
                }
            }
        }
    }

    func testAnIdentifierIsOneWord() throws {
        XCTAssertEqual(try ListKey.identifier.validate("alice.o'hara@example"), "alice.o'hara@example")
        for key in ["bad user", "tab\tbed", "nbsp\u{A0}x"] {
            XCTAssertThrowsError(try ListKey.identifier.validate(key), key)
        }
        XCTAssertEqual(try ListKey.name.validate("Bank Issuing CA 2"), "Bank Issuing CA 2")
    }

    func testSchemaGivesUsersAndMethodsIdentifierKeys() {
        let schema = DigitalAccessSchema.root
        func keyType(_ words: String...) -> ListKey? { schema.node(at: ConfigPath(schemaWords: words))?.keyType }
        XCTAssertEqual(keyType("manage-accounts-and-storage", "user-accounts", "user"), .identifier)
        XCTAssertEqual(keyType("manage-system", "authentication-methods", "method"), .identifier)
        XCTAssertEqual(keyType("manage-system", "certificates", "certificate-authority"), .name)
        XCTAssertEqual(keyType("manage-system", "authentication-methods", "method", "m1", "extended-property"), .name)
        XCTAssertEqual(keyType("manage-system", "authentication-services", "service"), .name)
    }

    func testListKeyCannotBeDotDot() throws {
        // `..` in a path always goes up, so an entry with that key could never be named.
        XCTAssertThrowsError(try ListKey.name.validate("..")) { error in
            XCTAssertEqual("\(error)", ".. is reserved: in a path it goes up one level")
        }
        XCTAssertEqual(try ListKey.name.validate("."), ".")
        XCTAssertEqual(try ListKey.name.validate("..."), "...")
        XCTAssertEqual(try ListKey.name.validate("../x"), "../x")
    }

    func testReferenceValuesFollowTheKeyRules() throws {
        let reference = ValueType.reference(to: authenticationServices)
        XCTAssertEqual(try reference.parse("radius 1"), "radius 1")
        XCTAssertEqual(parseError(reference, ""), "\"\" is empty; a key needs at least one character")
    }

    func testLongValuesAreShortenedInMessages() {
        let message = parseError(.port, String(repeating: "9", count: 100))
        XCTAssertEqual(message, "\"" + String(repeating: "9", count: 59) + "…\" is out of range 1–65535")
    }
}
