/// How error messages show a scalar. The tokenizer itself classifies bytes (`ByteClasses`);
/// a scalar is decoded only to be named in a message.
extension Unicode.Scalar {
    /// C0 and C1 controls and DEL, except tab: never meaningful in a command outside quotes,
    /// and usually the sign of binary data or a terminal escape fed in by mistake.
    var isForbiddenControl: Bool {
        (value < 0x20 && self != "\t") || (0x7F...0x9F).contains(value)
    }

    /// How an error message shows this scalar: itself when printable, `U+XXXX` otherwise,
    /// so the message stays one line of visible text.
    var quotedForMessage: String {
        if isForbiddenControl || self == " " || self == "\t" || properties.generalCategory == .format {
            let hex = String(value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return "'\(self)'"
    }
}
