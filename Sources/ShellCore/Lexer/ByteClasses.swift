/// The character classes of the command language, on UTF-8 bytes. Every character with a
/// meaning is ASCII, and every byte of a multi-byte scalar is 0x80 or above, so a byte
/// below 0x80 is always a whole scalar and syntax is found without decoding anything.
extension UInt8 {
    /// Space and tab separate words, as in POSIX sh. Other Unicode spaces (U+00A0…) are
    /// ordinary characters, so a value pasted with a no-break space keeps it.
    var isBlank: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }

    /// C0 controls and DEL, except tab: the ASCII part of `Unicode.Scalar.isForbiddenControl`
    /// (the C1 controls are two-byte scalars, which `UTF8Cursor` recognises).
    var isForbiddenASCIIControl: Bool { (self < 0x20 && self != UInt8(ascii: "\t")) || self == 0x7F }

    /// Letters, digits and `_`, the characters of `${NAME}`.
    var isVariableNameCharacter: Bool {
        switch self {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// Whether this byte is the second, third or fourth byte of a scalar (`0b10xxxxxx`):
    /// a column is counted for every byte that is not.
    var isUTF8Continuation: Bool { self & 0xC0 == 0x80 }

    /// The length in bytes of the scalar this byte starts, read from its leading ones;
    /// the source is a `String`, so the encoding is valid and the byte is never a continuation.
    var utf8ScalarLength: Int { self < 0x80 ? 1 : (~self).leadingZeroBitCount }
}
