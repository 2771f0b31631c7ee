import Crypto
import Foundation

/// SHA-256 as lowercase hexadecimal, the form a change request's digest and the audit
/// chain's links are stored and printed in. swift-crypto does the hashing.
public enum SecureHash {
    public static func sha256(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// A finished digest as lowercase hexadecimal.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }
}
