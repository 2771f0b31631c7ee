/// The word-splitting rules of the command language (SPEC §5), reduced to what a rendered
/// line may contain, so that tests can read rendered `set` lines back the way the shell does
/// and fail if a value would be cut, commented out, piped or taken for help.
enum CommandWords {
    struct Unexpected: Error, CustomStringConvertible {
        let description: String
    }

    /// The words of one command line; a special character outside quotes is an error.
    /// `#` at the start of a word begins a comment.
    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var scalars = line.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case " ", "\t":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "\"":
                inWord = true
                while true {
                    guard let next = scalars.next() else { throw Unexpected(description: "unterminated \" in \(line)") }
                    if next == "\"" { break }
                    if next == "$" { throw Unexpected(description: "unescaped $ in \(line)") }
                    guard next == "\\" else {
                        word.unicodeScalars.append(next)
                        continue
                    }
                    switch scalars.next() {
                    case "\""?: word += "\""
                    case "\\"?: word += "\\"
                    case "$"?: word += "$"
                    case "n"?: word += "\n"
                    default: throw Unexpected(description: "unknown escape in \(line)")
                    }
                }
            case "'":
                inWord = true
                while true {
                    guard let next = scalars.next() else { throw Unexpected(description: "unterminated ' in \(line)") }
                    if next == "'" { break }
                    word.unicodeScalars.append(next)
                }
            case "#" where !inWord:
                return words  // a comment runs to the end of the line
            case ";", "|", "?", "$", "\\", "\n":
                throw Unexpected(description: "unquoted \(scalar) in \(line)")
            default:
                inWord = true
                word.unicodeScalars.append(scalar)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
