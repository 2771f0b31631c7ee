/// JSON string literals (RFC 8259), written by hand because renderers stream line by line
/// rather than serialize a whole document. Non-ASCII stays as UTF-8, which is valid JSON
/// and keeps names like "Åsa Ödén" readable.
public enum JSONText {
    public static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case _ where scalar.value < 0x20:
                result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
