/// Writes a value as one word of the command language, so that the lexer reads back
/// exactly the same text: bare when that is unambiguous, otherwise double-quoted.
public enum Quoting {
    /// Characters that never need quotes, as a table indexed by byte (a set lookup per byte
    /// cost more than the rest of rendering a value).
    private static let bare: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._:/+=,%-*".utf8 { table[Int(byte)] = true }
        return table
    }()

    public static func word(_ text: String) -> String {
        // Bytes, not the generic UTF-8 view: every value of a bulk diff or export comes here.
        let isBare = UTF8Bytes.with(text) { bytes in
            !bytes.isEmpty && bytes.allSatisfy({ bare[Int($0)] }) && bytes[0] != UInt8(ascii: "#") && bytes[0] != UInt8(ascii: "/")
        }
        if isBare { return text }
        // Nothing to escape (the usual case: a display name with a space): the text as it is,
        // in quotes. The escaped characters are ASCII, so their bytes tell.
        let needsEscapes = UTF8Bytes.with(text) { bytes in
            bytes.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "\n") })
        }
        if !needsEscapes {
            return "\"" + text + "\""
        }
        var quoted = "\""
        quoted.reserveCapacity(text.utf8.count + 2)
        for character in text.unicodeScalars {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "$": quoted += "\\$"
            case "\n": quoted += "\\n"
            default: quoted.unicodeScalars.append(character)
            }
        }
        return quoted + "\""
    }
}
