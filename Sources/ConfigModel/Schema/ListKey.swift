/// What the key of a list entry may hold (SPEC §3), checked like a value at `set`, `edit`
/// and `rename`. No key holds a control character or any of `*`, `?`, `[`, `]`, which
/// select entries by pattern; an identifier (a user id, a method's internal name) is also
/// one word, since it is typed, logged and matched as one.
public enum ListKey: Sendable {
    /// One word: no blanks.
    case identifier
    /// A name that may hold blanks (`"Bank Issuing CA 2"`, `"User Attribute"`).
    case name

    /// The longest key accepted, in bytes.
    public static let maximumLength = 255

    /// Characters that would make the key a pattern.
    static let patternCharacters: Set<Unicode.Scalar> = ["*", "?", "[", "]"]

    public func validate(_ key: String) throws(ValueError) -> String {
        guard !key.isEmpty else { throw ValueError(key, "is empty; a key needs at least one character") }
        guard key != ".." else { throw ValueError(key, "is reserved: in a path it goes up one level") }
        guard key.utf8.count <= Self.maximumLength else { throw ValueError(key, "is longer than \(Self.maximumLength) bytes") }
        try ValueType.requireSingleLine(key)
        if let pattern = key.unicodeScalars.first(where: Self.patternCharacters.contains) {
            throw ValueError(key, "contains '\(pattern)', which selects entries by pattern; a key cannot hold *, ?, [ or ]")
        }
        if self == .identifier, key.unicodeScalars.contains(where: \.properties.isWhitespace) {
            throw ValueError(key, "contains a blank; this key is one word")
        }
        return key
    }
}
