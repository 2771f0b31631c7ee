/// What the key of a list entry may hold (SPEC §3), checked like a value at `set`, `edit`
/// and `rename`. No key holds a control character or any of `*`, `?`, `[`, `]`, which
/// select entries by pattern; an identifier (a user id, a method's internal name) is also
/// one word, since it is typed, logged and matched as one.
public enum ListKey: Sendable, Equatable {
    /// One word: no blanks.
    case identifier
    /// A name that may hold blanks (`"Bank Issuing CA 2"`, `"User Attribute"`).
    case name
    /// One of a fixed set of words (a role's privileges).
    case oneOf([String])

    /// The longest key accepted, in bytes.
    public static let maximumLength = 255

    public func validate(_ key: String) throws(ValueError) -> String {
        guard !key.isEmpty else { throw ValueError(key, "is empty; a key needs at least one character") }
        guard key != ".." else { throw ValueError(key, "is reserved: in a path it goes up one level") }
        guard key.utf8.count <= Self.maximumLength else { throw ValueError(key, "is longer than \(Self.maximumLength) bytes") }
        try ValueType.requireSingleLine(key)
        // Every key of a bulk script comes here, twice: the bytes answer for ASCII, and only a
        // key with other characters has its scalars' properties looked up for blanks.
        let (pattern, hasBlank, isASCII) = UTF8Bytes.with(key) { bytes in
            (bytes.first(where: Self.isPatternByte), bytes.contains(UInt8(ascii: " ")), bytes.allSatisfy { $0 < 0x80 })
        }
        if let pattern {
            throw ValueError(key, "contains '\(Character(Unicode.Scalar(pattern)))', which selects entries by pattern; a key cannot hold *, ?, [ or ]")
        }
        if case .oneOf(let allowed) = self, !allowed.contains(key) {
            throw ValueError(key, "is not one of: \(allowed.joined(separator: " | "))")
        }
        if self == .identifier, hasBlank || (!isASCII && key.unicodeScalars.contains(where: \.properties.isWhitespace)) {
            throw ValueError(key, "contains a blank; this key is one word")
        }
        return key
    }

    /// Whether `word`, written where a key goes, is a pattern selecting existing entries
    /// rather than a key: no key can hold `*`, `?`, `[` or `]`, so no key needs quoting or
    /// escaping to be told from a pattern.
    public static func isPattern(_ word: String) -> Bool {
        UTF8Bytes.with(word) { bytes in bytes.contains(where: isPatternByte) }
    }

    /// `*`, `?`, `[` and `]`, which would make the key a pattern; all ASCII.
    private static func isPatternByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }
}
