import XCTest

@testable import ConfigModel

/// List keys are exact strings ordered by code point: keys that differ only in Unicode
/// normalization are different entries, as they are to the store.
final class KeyOrderTests: XCTestCase {
    func testCanonicallyEquivalentKeysAreDistinctEntries() throws {
        let composed = "Jos\u{E9}", decomposed = "Jose\u{301}"
        var tree = ConfigTree()
        try tree.setLeaf(RenderingFixtures.user(composed).appending("email"), to: "composed@example.com")
        try tree.setLeaf(RenderingFixtures.user(decomposed).appending("email"), to: "decomposed@example.com")
        XCTAssertEqual(tree.records.count, 2)
        let lines = try RenderingFixtures.lines { try SetRenderer().render(tree, to: $0) }
        // "e" (U+0065) sorts before "é" (U+00E9).
        XCTAssertEqual(
            lines,
            [
                "set manage-accounts-and-storage user-accounts user \"\(decomposed)\" email decomposed@example.com",
                "set manage-accounts-and-storage user-accounts user \"\(composed)\" email composed@example.com",
            ])
    }
}
