import Crypto
import Foundation

/// SHA-256 as lowercase hexadecimal, the form a change request's digest and the audit
/// chain's links are stored and printed in. swift-crypto does the hashing.
public enum SecureHash {
    public static func sha256(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// A finished digest as lowercase hexadecimal, written into one string of its final
    /// size: `audit verify` formats 100,000 of them.
    static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { text in
            var index = 0
            for byte in digest {
                text[index] = hexDigits[Int(byte >> 4)]
                text[index + 1] = hexDigits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}
