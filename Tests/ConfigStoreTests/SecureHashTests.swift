import ConfigStore
import Testing

/// The digests dashell stores are standard SHA-256, so that anyone can check them with
/// `sha256sum` or PostgreSQL's `sha256()`.
struct SecureHashTests {
    @Test func matchesThePublishedTestVectors() {
        #expect(SecureHash.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecureHash.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
