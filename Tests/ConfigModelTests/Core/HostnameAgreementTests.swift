import XCTest

@testable import ConfigModel

/// `ValueType.isHostname` checks labels in one pass; it must agree with the plain reading of
/// the rule (split at dots, check each label) on any text.
final class HostnameAgreementTests: XCTestCase {
    private static func reference(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count - (bytes.last == UInt8(ascii: ".") ? 1 : 0) <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for (index, label) in labels.enumerated() {
            if label.isEmpty { return index == labels.count - 1 && labels.count > 1 }
            guard label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return false }
            let allowed = label.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == UInt8(ascii: "-")
            }
            guard allowed else { return false }
        }
        return true
    }

    func testAgreesWithSplittingAtDots() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab-.Z9_é .")
        for _ in 0..<50_000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            XCTAssertEqual(ValueType.isHostname(text), Self.reference(text), text.debugDescription)
        }
        for text in [
            String(repeating: "a", count: 63), String(repeating: "a", count: 64), String(repeating: "a.", count: 126) + "a",
            String(repeating: "a.", count: 127), String(repeating: "a.", count: 127) + "a", ".", "a.", "a..", "-a", "a-", "a.-b",
        ] {
            XCTAssertEqual(ValueType.isHostname(text), Self.reference(text), text.debugDescription)
        }
    }
}
