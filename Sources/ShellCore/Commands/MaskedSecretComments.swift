import ConfigModel

/// The `# set PATH ********` comment lines of a `set` file: how `export` and `display set`
/// write a secret they do not show (SPEC §8). The file does not hold that secret, so for
/// `load` each such line stands for the secret's value before the load, which must not be
/// lost.
struct MaskedSecretComments {
    /// The secret each such comment names, by the comment's line number.
    private(set) var secretsByLine: [Int: ConfigPath] = [:]
    /// The secrets named, each once, in the order of the file.
    private(set) var secrets: [ConfigPath] = []

    init(in text: String, session: Session) {
        for logical in LogicalLines(text) {
            guard let secret = Self.secret(named: logical.text, session: session) else { continue }
            if !secrets.contains(secret) { secrets.append(secret) }
            secretsByLine[logical.line] = secret
        }
    }

    /// The secret leaf a line names when it is `# set PATH ********`, PATH from the top;
    /// nil for any other line, comments about anything else included.
    private static func secret(named line: String, session: Session) -> ConfigPath? {
        let text = line.drop { $0 == " " || $0 == "\t" }
        guard text.first == "#", let commands = try? session.lexer.lex(String(text.dropFirst())), commands.count == 1 else { return nil }
        let words = commands[0].words.map(\.text)
        guard words.count > 2, words.first == "set", words.last == SecretMask.text,
            let resolution = try? session.resolver.resolve(words.dropFirst().dropLast(), from: .root),
            resolution.wordsUsed == words.count - 2, resolution.node.leafSpec?.type.isSecret == true
        else { return nil }
        return resolution.path
    }
}
