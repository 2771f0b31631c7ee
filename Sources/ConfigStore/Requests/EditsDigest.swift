import ConfigModel
import Crypto

/// The SHA-256 of a candidate's edits: each record's key, the record as the candidate first
/// saw it and as it edited it, in key order, every field length-prefixed so that no two
/// different edit lists encode alike. A change request records it at submission and its
/// approval computes it again from the stored edits: any change in between shows.
public struct EditsDigest {
    private var hash = SHA256()

    public init() {}

    /// The digest of `edits`, given in key order.
    static func of(_ edits: [(key: RecordKey, edit: CandidateEdit)]) -> String {
        var digest = EditsDigest()
        for (key, edit) in edits { digest.add(key, base: edit.base, new: edit.new) }
        return digest.finish()
    }

    /// Adds one edit; edits must come in key order.
    public mutating func add(_ key: RecordKey, base: Record?, new: Record?) {
        field(key.encoded)
        field(base?.encoded)
        field(new?.encoded)
    }

    /// `-` for an absent record, else the UTF-8 length, `:` and the bytes.
    private mutating func field(_ text: String?) {
        guard let text else { return hash.update(data: Array("-".utf8)) }
        let bytes = Array(text.utf8)
        hash.update(data: Array("\(bytes.count):".utf8))
        hash.update(data: bytes)
    }

    public func finish() -> String { SecureHash.hex(hash.finalize()) }
}
