import ConfigModel
import Crypto

/// The SHA-256 of a change set, as the audit trail records it with each publish and as a
/// change request binds its approval to (SPEC §12): what was published, or is to be, can be
/// named by 64 hexadecimal digits and checked again later.
///
/// The canonical encoding, defined here once: for each record change in key order (the
/// order `ChangeSet` keeps), three fields — the record's key (`RecordKey.encoded`), the
/// record before (`Record.encoded`) and the record after — each written as `-` when the
/// record is absent, else as its length in UTF-8 bytes in decimal, `:` and its UTF-8 bytes.
/// Nothing separates the fields or the changes: the lengths make the encoding unambiguous,
/// so no two different change sets encode alike. The digest is SHA-256 of those bytes
/// (swift-crypto), in lowercase hexadecimal; the empty change set's is SHA-256 of nothing.
///
/// A change too large to hold (a spilled candidate's) is added a window at a time, in key
/// order: the digest is the same as of the whole at once.
public struct ChangeSetDigest {
    private var hash = SHA256()
    /// The encoding of the changes added since the last flush: hashing a few kilobytes at a
    /// time costs less than a call per field.
    private var pending: [UInt8] = []

    public init() {}

    /// Adds the changes of `changes`, which continue in key order from those added before.
    public mutating func add(_ changes: ChangeSet) {
        for change in changes.changes { add(change) }
    }

    /// Adds one record change; changes must come in key order.
    public mutating func add(_ change: RecordChange) {
        field(change.key.encoded)
        field(change.old?.encoded)
        field(change.new?.encoded)
        if pending.count >= 1 << 16 { flush() }
    }

    /// `-` for an absent record, else the UTF-8 length, `:` and the bytes.
    private mutating func field(_ text: String?) {
        guard var text else { return pending.append(UInt8(ascii: "-")) }
        text.withUTF8 { bytes in
            pending.append(contentsOf: String(bytes.count).utf8)
            pending.append(UInt8(ascii: ":"))
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func flush() {
        hash.update(data: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// The digest of everything added, as lowercase hexadecimal.
    public consuming func finish() -> String {
        flush()
        return SecureHash.hex(hash.finalize())
    }
}

extension ChangeSet {
    /// The SHA-256 of this change set's canonical encoding (see `ChangeSetDigest`).
    public var digest: String {
        var digest = ChangeSetDigest()
        digest.add(self)
        return digest.finish()
    }
}
