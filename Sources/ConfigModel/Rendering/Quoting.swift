/// Writes a value as one word of the command language, so that the lexer reads back
/// exactly the same text: bare when that is unambiguous, otherwise double-quoted.
public enum Quoting {
    /// Characters that never need quotes.
    private static let bare: Set<UInt8> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._:/+=,%-*".utf8)

    public static func word(_ text: String) -> String {
        if !text.isEmpty, text.utf8.allSatisfy({ bare.contains($0) }), text.utf8.first != UInt8(ascii: "#"), text.utf8.first != UInt8(ascii: "/") {
            return text
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
