/// The character classes of the command language.
extension Unicode.Scalar {
    /// Space and tab separate words, as in POSIX sh. Other Unicode spaces (U+00A0…) are
    /// ordinary characters, so a value pasted with a no-break space keeps it.
    var isBlank: Bool { self == " " || self == "\t" }

    /// C0 and C1 controls and DEL, except tab: never meaningful in a command outside quotes,
    /// and usually the sign of binary data or a terminal escape fed in by mistake.
    var isForbiddenControl: Bool {
        (value < 0x20 && self != "\t") || (0x7F...0x9F).contains(value)
    }

    /// Scalars that go into an unquoted word as they are, in runs: everything but blanks,
    /// controls and the characters with a meaning (`#` means something only at the start
    /// of a word, which is not where runs are read).
    var isPlainUnquoted: Bool {
        switch self {
        case " ", "\t", "'", "\"", "\\", "$", ";", "|": false
        default: !isForbiddenControl
        }
    }

    /// Scalars that go into a double-quoted piece as they are.
    var isPlainDoubleQuoted: Bool {
        switch self {
        case "\"", "\\", "$", "\n", "\r": false
        default: true
        }
    }

    /// Scalars that go into a single-quoted piece as they are.
    var isPlainSingleQuoted: Bool {
        switch self {
        case "'", "\n", "\r": false
        default: true
        }
    }

    /// Letters, digits and `_`, the characters of `${NAME}`.
    var isVariableNameCharacter: Bool {
        switch self {
        case "A"..."Z", "a"..."z", "0"..."9", "_": true
        default: false
        }
    }

    /// How an error message shows this scalar: itself when printable, `U+XXXX` otherwise,
    /// so the message stays one line of visible text.
    var quotedForMessage: String {
        if isForbiddenControl || isBlank || properties.generalCategory == .format {
            let hex = String(value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return "'\(self)'"
    }
}
