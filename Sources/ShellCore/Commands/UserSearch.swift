import ConfigModel

/// What `search user-accounts PATTERN` looks for (SPEC §5). A pattern with glob characters
/// (`*`, `?`, `[…]`) matches the user id, and the literal characters it starts with bound a
/// range of keys, so that `user0012*` reads only those users. A word without any is a
/// case-insensitive substring of the user id, display name or e-mail, which every user must
/// be looked at for. Either way users are read one at a time in key order, never all at once.
public struct UserSearch {
    enum Matcher {
        case glob(Glob)
        case substring(CaseInsensitiveText)
    }

    let matcher: Matcher
    /// The user ids to read: those that start with this.
    public let prefix: String

    public init(_ pattern: String) {
        guard pattern.contains(where: Glob.characters.contains) else {
            matcher = .substring(CaseInsensitiveText(pattern))
            prefix = ""
            return
        }
        let glob = Glob(pattern)
        matcher = .glob(glob)
        prefix = glob.literalPrefix
    }

    /// Each user that matches, in user id order, until `body` returns false.
    public func forEachMatch(in config: any ConfigReader, users: ConfigPath, _ body: (String, Record) throws -> Bool) throws {
        func check(_ id: String, _ record: Record) throws -> Bool {
            guard matches(id, record) else { return true }
            return try body(id, record)
        }
        // An ASCII word is looked for by the store in its scan first, which leaves out
        // nearly every user; LIKE folds only ASCII case, so other words are not.
        if case .substring(let text) = matcher, let word = text.asciiWord {
            try config.forEachEntry(of: users, startingWith: prefix, possiblyContaining: word, check)
        } else {
            try config.forEachEntry(of: users, startingWith: prefix, check)
        }
    }

    public func matches(_ id: String, _ record: Record) -> Bool {
        switch matcher {
        case .glob(let glob):
            glob.matches(id)
        case .substring(let text):
            text.isFound(in: id) || record["display-name"].map(text.isFound) == true || record["email"].map(text.isFound) == true
        }
    }
}

/// A word looked for in text regardless of case. Most words and most text are ASCII:
/// those are compared byte by byte with ASCII case folded, which a search of a million
/// users needs; anything else is lowercased first.
struct CaseInsensitiveText {
    private let lowered: String
    private let loweredBytes: [UInt8]
    private let isASCII: Bool

    init(_ word: String) {
        lowered = word.lowercased()
        loweredBytes = Array(lowered.utf8)
        isASCII = loweredBytes.allSatisfy { $0 < 0x80 }
    }

    /// The word in lower case when it is ASCII (and not empty).
    var asciiWord: String? { isASCII && !lowered.isEmpty ? lowered : nil }

    func isFound(in text: String) -> Bool {
        guard !loweredBytes.isEmpty else { return true }
        guard isASCII else { return text.lowercased().contains(lowered) }
        // An ASCII word can match only ASCII bytes: the bytes of other characters are all
        // 0x80 or above, so folding the ASCII ones is enough.
        return UTF8Bytes.with(text) { bytes in
            let needle = loweredBytes
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) {
                var index = 0
                while index < needle.count, Self.folded(bytes[start + index]) == needle[index] { index += 1 }
                if index == needle.count { return true }
            }
            return false
        }
    }

    private static func folded(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
