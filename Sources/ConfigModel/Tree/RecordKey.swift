/// The storage key of a record: the words of its path joined by U+001F, which no keyword or
/// key contains. Byte order of keys puts a record's descendants right after it, so a subtree
/// is one range of keys; within a list, entries sort by their keys' code points.
public struct RecordKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let separator: Character = "\u{1F}"

    public let encoded: String
    /// A hash of the bytes, computed once. Keys are hashed at every dictionary access of a
    /// candidate's edits, several per `set`; hashing a 60-byte key afresh each time cost more
    /// than the rest of the lookup. It also lets `==` tell most unequal keys apart at once.
    private let bytesHash: UInt64

    public init(encoded: String) {
        self.encoded = encoded
        bytesHash = Self.hashBytes(encoded)
    }

    public init(_ path: ConfigPath) {
        self.init(path.steps[...])
    }

    /// The key of the path made of `steps`.
    public init(_ steps: ArraySlice<ConfigPath.Step>) {
        var size = 0
        for step in steps { size += step.keyword.utf8.count + 1 + (step.key.map { $0.utf8.count + 1 } ?? 0) }
        // Written straight into a buffer of the final size (the last separator counted is
        // never written): String's Character and String appends cost hundreds of
        // instructions each, and every `set` builds a key or two.
        encoded = String(unsafeUninitializedCapacity: size) { buffer in
            var offset = 0
            func copy(_ text: String) {
                UTF8Bytes.with(text) { bytes in
                    guard let source = bytes.baseAddress else { return }
                    (buffer.baseAddress! + offset).initialize(from: source, count: bytes.count)
                    offset += bytes.count
                }
            }
            for step in steps {
                if offset > 0 {
                    buffer[offset] = 0x1F
                    offset += 1
                }
                copy(step.keyword)
                if let key = step.key {
                    buffer[offset] = 0x1F
                    offset += 1
                    copy(key)
                }
            }
            return offset
        }
        bytesHash = Self.hashBytes(encoded)
    }

    /// The lowest key strictly inside this record's subtree.
    public var descendantsLowerBound: String { encoded.isEmpty ? "" : encoded + "\u{1F}" }
    /// The first key past this record's subtree.
    public var descendantsUpperBound: String { encoded.isEmpty ? "\u{10FFFF}" : encoded + "\u{20}" }

    /// Whether `self` lies strictly inside `ancestor`'s subtree.
    public func isDescendant(of ancestor: RecordKey) -> Bool {
        ancestor.encoded.isEmpty ? !encoded.isEmpty : encoded.utf8.starts(with: ancestor.descendantsLowerBound.utf8)
    }

    /// Decodes the path, using the schema to tell keywords from keys.
    public func path(in schema: SchemaNode) -> ConfigPath? {
        guard !encoded.isEmpty else { return .root }
        // U+001F is a control: always a grapheme of its own, so splitting the bytes splits
        // exactly where splitting the Characters would, without grapheme breaking.
        let words = encoded.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { String(Substring($0)) }
        var steps: [ConfigPath.Step] = []
        var node = schema
        var index = 0
        while index < words.count {
            guard let child = node.child(words[index]) else { return nil }
            if child.isList {
                guard index + 1 < words.count else { return nil }
                steps.append(.init(child.keyword, key: words[index + 1]))
                index += 2
            } else {
                steps.append(.init(child.keyword))
                index += 1
            }
            node = child
        }
        return ConfigPath(steps)
    }

    /// Keys are compared as bytes, as the store compares them: `String`'s `==` would make
    /// canonically equivalent keys (`é` precomposed or decomposed) one key, and disagree with `<`.
    public static func == (lhs: RecordKey, rhs: RecordKey) -> Bool {
        lhs.bytesHash == rhs.bytesHash && UTF8Bytes.compare(lhs.encoded, rhs.encoded) == 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytesHash)
    }

    /// What `Dictionary` and `Set` ask for. The default runs `hash(into:)` through SipHash,
    /// which cost more than the rest of a lookup; the key already carries a strong seeded
    /// hash, so the table's seed is only mixed in.
    public func _rawHashValue(seed: Int) -> Int {
        var hash = bytesHash ^ UInt64(UInt(bitPattern: seed))
        hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    /// Byte order, the order SQLite's BINARY collation gives.
    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        UTF8Bytes.compare(lhs.encoded, rhs.encoded) < 0
    }

    /// Seeds the byte hash per process, so that which keys collide cannot be planned.
    private static let hashSeed = UInt64.random(in: .min ... .max)

    /// A multiply-xorshift hash over 8 bytes at a time; `Hasher` mixes the result again.
    private static func hashBytes(_ text: String) -> UInt64 {
        UTF8Bytes.with(text) { bytes in
            var hash = hashSeed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
            var index = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= bytes.count {
                    hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                    hash ^= hash >> 31
                    index += 8
                }
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
            return hash ^ (hash >> 29)
        }
    }

    /// The path as the command language writes it, without the schema: the key's words with
    /// keys quoted where needed. A keyword never needs quotes, so for every record the schema
    /// knows this is the description of its path.
    public var description: String {
        guard !encoded.isEmpty else { return "" }
        return encoded.utf8.split(separator: 0x1F, omittingEmptySubsequences: false)
            .map { Quoting.word(String(Substring($0))) }.joined(separator: " ")
    }
}
