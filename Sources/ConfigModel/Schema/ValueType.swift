/// The syntax of a leaf's value. Parsing turns what the user typed into the value's
/// canonical text, which is what the store keeps and what renderers print.
public enum ValueType: Sendable, Equatable {
    /// One line of text without control characters.
    case string
    /// Free text; may contain spaces and line breaks, but no other control characters.
    case text
    /// An RFC 1123 DNS name.
    case hostname
    /// A TCP/UDP port, 1–65535.
    case port
    /// An unsigned integer within a range.
    case uint(ClosedRange<Int>)
    /// `true`/`false`, also written `enabled`/`disabled` or `yes`/`no`.
    case boolean
    /// One of a fixed set of words, each with the label Digital Access Admin shows.
    case enumeration([EnumValue])
    /// An e-mail address, `local@domain`.
    case email
    /// The key of an existing entry of the list at this schema path (checked by V3).
    case reference(to: [String])
    /// Stored, never printed back.
    case secret

    /// A short name for help and error messages.
    public var name: String {
        switch self {
        case .string: "string"
        case .text: "text"
        case .hostname: "hostname"
        case .port: "port"
        case .uint(let range): "integer \(range.lowerBound)–\(range.upperBound)"
        case .boolean: "boolean"
        case .enumeration(let values): values.map(\.word).joined(separator: " | ")
        case .email: "e-mail address"
        case .reference(let target): "reference to \(target.joined(separator: " "))"
        case .secret: "secret"
        }
    }

    /// Whether values of this type print as a mask.
    public var isSecret: Bool { self == .secret }

    /// Whether a JSON rendering carries the value as a number.
    public var isNumeric: Bool {
        switch self {
        case .port, .uint: true
        default: false
        }
    }

    /// Spellings accepted for booleans, in the order help lists them.
    public static let booleanSpellings: [(word: String, value: Bool)] = [
        ("true", true), ("false", false), ("enabled", true), ("disabled", false), ("yes", true), ("no", false),
    ]

    /// Parses `text` into the canonical form of this type, or explains what was expected.
    public func parse(_ text: String) throws(ValueError) -> String {
        switch self {
        case .string:
            try Self.requireSingleLine(text)
            return text
        case .secret:
            // The error shows the mask: a mistyped password must not reach a terminal or log.
            do { try Self.requireSingleLine(text) } catch { throw ValueError(SecretMask.text, error.problem) }
            // The mask is how a secret shows (in the history, in an export), never its value:
            // a line recalled or copied with it would make the password eight asterisks.
            guard text != SecretMask.text else {
                throw ValueError(SecretMask.text, "is the mask shown in place of a secret, not a value; type the secret itself")
            }
            return text
        case .text:
            try Self.requireNoControlCharacters(text, allowingLineBreaks: true)
            return text
        case .hostname:
            guard Self.isHostname(text) else {
                throw ValueError(text, "is not a valid DNS name (letters, digits and '-' in dot-separated labels of at most 63 characters)")
            }
            return text
        case .port:
            return try Self.parseInteger(text, in: 1...65535)
        case .uint(let range):
            return try Self.parseInteger(text, in: range)
        case .boolean:
            let lowered = text.lowercased()
            guard let match = Self.booleanSpellings.first(where: { $0.word == lowered }) else {
                throw ValueError(text, "is not a boolean (true, false, enabled, disabled, yes, no)")
            }
            return match.value ? "true" : "false"
        case .enumeration(let values):
            return try EnumValue.match(text, among: values).word
        case .email:
            guard Self.isEmail(text) else { throw ValueError(text, "is not an e-mail address (local-part@domain)") }
            return text
        case .reference:
            // Any key's rules; V3 then finds whether the entry it names exists.
            return try ListKey.name.validate(text)
        }
    }

    private static func parseInteger(_ text: String, in range: ClosedRange<Int>) throws(ValueError) -> String {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw ValueError(text, "is not a number (expected \(range.lowerBound)–\(range.upperBound))")
        }
        guard let number = Int(text), range.contains(number) else {
            throw ValueError(text, "is out of range \(range.lowerBound)–\(range.upperBound)")
        }
        return String(number)
    }

    static func requireSingleLine(_ text: String) throws(ValueError) {
        try requireNoControlCharacters(text, allowingLineBreaks: false)
    }

    static func requireNoControlCharacters(_ text: String, allowingLineBreaks: Bool) throws(ValueError) {
        // Controls are single bytes in UTF-8, never part of a longer sequence: a byte scan
        // finds whether there is one; the scalars are looked at only to report it.
        guard UTF8Bytes.with(text, { $0.contains(where: { $0 < 0x20 || $0 == 0x7F }) }) else { return }
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            if allowingLineBreaks && (scalar == "\n" || scalar == "\t") { continue }
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            throw ValueError(text, "contains the control character \(code)")
        }
    }

    static func isHostname(_ text: String) -> Bool {
        UTF8Bytes.with(text, isHostname(bytes:))
    }

    /// Dot-separated labels, checked in one pass over the bytes without splitting (every
    /// e-mail address of a bulk load comes here twice): 1-63 letters, digits and '-', not at
    /// either end; at most 253 characters, not counting the trailing dot of a fully
    /// qualified name.
    private static func isHostname(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let lastByte = bytes.last, bytes.count - (lastByte == UInt8(ascii: ".") ? 1 : 0) <= 253 else { return false }
        let dot = UInt8(ascii: "."), hyphen = UInt8(ascii: "-")
        var length = 0, first: UInt8 = 0, last: UInt8 = 0, sawDot = false
        for byte in bytes {
            if byte == dot {
                guard length > 0, length <= 63, first != hyphen, last != hyphen else { return false }
                length = 0
                sawDot = true
                continue
            }
            guard isAlphanumeric(byte) || byte == hyphen else { return false }
            if length == 0 { first = byte }
            last = byte
            length += 1
        }
        // An empty last label is the one trailing dot allowed after at least one label.
        if length == 0 { return sawDot }
        return length <= 63 && first != hyphen && last != hyphen
    }

    static func isEmail(_ text: String) -> Bool {
        if let verdict = isASCIIEmail(text) { return verdict }
        guard text.utf8.count <= 254, let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = String(text[text.index(after: at)...])
        guard !local.isEmpty, local.utf8.count <= 64, domain.contains(".") || domain == "localhost" else { return false }
        let localAllowed = Set("!#$%&'*+-/=?^_`{|}~.".utf8)
        guard local.utf8.allSatisfy({ isAlphanumeric($0) || localAllowed.contains($0) || $0 >= 0x80 }),
            local.first != ".", local.last != ".", !local.contains("..")
        else { return false }
        return isHostname(domain)
    }

    /// `isEmail` over the bytes of an all-ASCII text, where characters are bytes, without
    /// Foundation's substring search; nil for any other text, which takes the general way.
    private static func isASCIIEmail(_ text: String) -> Bool? {
        UTF8Bytes.with(text) { bytes -> Bool? in
            guard bytes.count <= 254 else { return false }
            var at: Int?
            for (index, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                if byte == UInt8(ascii: "@") { at = index }
            }
            guard let at else { return false }
            let local = UnsafeBufferPointer(rebasing: bytes[..<at])
            let domain = UnsafeBufferPointer(rebasing: bytes[(at + 1)...])
            let dot = UInt8(ascii: ".")
            guard !local.isEmpty, local.count <= 64,
                domain.contains(dot) || domain.elementsEqual("localhost".utf8)
            else { return false }
            var previous: UInt8 = 0
            for byte in local {
                guard isAlphanumeric(byte) || isLocalPartSymbol(byte) else { return false }
                if byte == dot, previous == dot { return false }
                previous = byte
            }
            guard local.first != dot, local.last != dot else { return false }
            return isHostname(bytes: domain)
        }
    }

    /// The symbols RFC 5322 allows in an unquoted local part, and the dot.
    private static func isLocalPartSymbol(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"),
            UInt8(ascii: "~"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }
}

/// A value that does not match its type: `70000 is out of range 1–65535`.
public struct ValueError: Error, Equatable, CustomStringConvertible {
    /// The offending text, shortened for display.
    public let value: String
    public let problem: String

    public init(_ value: String, _ problem: String) {
        self.value = value
        self.problem = problem
    }

    public var description: String {
        "\(Quoting.word(value.excerpt)) \(problem)"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

/// One value of an enumeration: the word dashell stores and prints, and the label the
/// product's administration screens show for it (`email`, "By E-mail").
public struct EnumValue: Sendable, Equatable, ExpressibleByStringLiteral {
    public let word: String
    public let label: String

    public init(_ word: String, label: String) {
        self.word = word
        self.label = label
    }

    /// A value without a label of its own: its word is what the screens show.
    public init(stringLiteral word: String) {
        self.init(word, label: word)
    }

    /// The value `text` names: its word (any case), its label (any case), or a prefix of
    /// one word alone.
    static func match(_ text: String, among values: [EnumValue]) throws(ValueError) -> EnumValue {
        let lowered = text.lowercased()
        if let exact = values.first(where: { $0.word == lowered || $0.label.lowercased() == lowered }) { return exact }
        let prefixed = lowered.isEmpty ? [] : values.filter { $0.word.hasPrefix(lowered) }
        if prefixed.count == 1 { return prefixed[0] }
        let words = (prefixed.isEmpty ? values : prefixed).map(\.word).joined(separator: ", ")
        throw ValueError(text, prefixed.isEmpty ? "is not one of \(words)" : "is ambiguous: could be \(words)")
    }
}
