import XCTest

@testable import ConfigModel

final class RecordKeyTests: XCTestCase {
    func testEncodingRoundTripsThroughTheSchema() {
        let paths = [
            method("m1"),
            method("a b", "extended-property", "User Attribute"),
            user("Ünïcødé \"quoted\" 'user'"),
            user("/alice"),
            emailChannel,
            path("manage-system", "distribution-services", "global-settings"),
            authenticationService("radius"),
            ConfigPath.root,
        ]
        for original in paths {
            XCTAssertEqual(RecordKey(original).path(), original, "\(original)")
        }
    }

    func testKeywordsAndKeysAreJoinedBySeparators() {
        XCTAssertEqual(
            RecordKey(method("m1")).encoded,
            "manage-system\u{1F}authentication-methods\u{1F}method\u{1F}m1")
    }

    func testDecodingSomethingOutsideTheSchemaFails() {
        XCTAssertNil(RecordKey(encoded: "manage-system\u{1F}bogus").path())
        // A list keyword must be followed by a key.
        XCTAssertNil(RecordKey(encoded: "manage-system\u{1F}authentication-methods\u{1F}method").path())
    }

    func testDescendantsSortRightAfterTheirEntryAndBeforeTheNextSibling() {
        let expected = [
            RecordKey(method("a")),
            RecordKey(method("a", "extended-property", "Certificate Attribute")),
            RecordKey(method("a", "extended-property", "User Attribute")),
            RecordKey(method("a b")),
            RecordKey(method("a!")),
            RecordKey(method("b")),
        ]
        XCTAssertEqual(expected.reversed().sorted(), expected)
        var generator = SplitMix64(seed: 0x5047)
        XCTAssertEqual(expected.shuffled(using: &generator).sorted(), expected)
    }

    func testEntriesSortByCodePointNotAlphabetically() {
        let keys = ["Zed", "alice", "bob", "Ärla", "émile"].map { RecordKey(user($0)) }
        XCTAssertEqual(keys.sorted().map { $0.path()?.steps.last?.key }, ["Zed", "alice", "bob", "Ärla", "émile"])
        XCTAssertTrue(RecordKey(user("é")) < RecordKey(user("😀")))
    }

    func testDescendantBoundsBracketTheSubtree() {
        let entry = RecordKey(method("a"))
        let inside = RecordKey(method("a", "extended-property", "User Attribute"))
        let sibling = RecordKey(method("a b"))
        func bytes(_ text: String) -> RecordKey { RecordKey(encoded: text) }
        XCTAssertTrue(bytes(entry.descendantsLowerBound) <= inside)
        XCTAssertTrue(inside < bytes(entry.descendantsUpperBound))
        XCTAssertTrue(entry < bytes(entry.descendantsLowerBound))
        XCTAssertTrue(bytes(entry.descendantsUpperBound) <= sibling)
    }

    func testIsDescendant() {
        let entry = RecordKey(method("a"))
        XCTAssertTrue(RecordKey(method("a", "extended-property", "x")).isDescendant(of: entry))
        XCTAssertTrue(entry.isDescendant(of: RecordKey(path("manage-system", "authentication-methods"))))
        XCTAssertTrue(entry.isDescendant(of: RecordKey(.root)))
        XCTAssertFalse(entry.isDescendant(of: entry))
        XCTAssertFalse(RecordKey(method("a b")).isDescendant(of: entry))
        XCTAssertFalse(RecordKey(method("ab")).isDescendant(of: entry))
        XCTAssertFalse(entry.isDescendant(of: RecordKey(method("a", "extended-property", "x"))))
        XCTAssertFalse(RecordKey(.root).isDescendant(of: RecordKey(.root)))
    }

    func testKeysAreExactBytesNotCanonicallyEquivalentText() {
        // "é" precomposed and "e" + combining acute are different user ids, as they are in the store.
        let composed = RecordKey(user("\u{E9}"))
        let decomposed = RecordKey(user("e\u{301}"))
        XCTAssertNotEqual(composed, decomposed)
        XCTAssertEqual(Set([composed, decomposed]).count, 2)
        XCTAssertTrue(decomposed < composed)
        XCTAssertFalse(RecordKey(method("e\u{301}", "extended-property", "x")).isDescendant(of: RecordKey(method("\u{E9}"))))
    }
}
