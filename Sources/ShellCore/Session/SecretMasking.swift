import ConfigModel

/// What the history file and error reports may show of a line: a line that sets a secret
/// is shown with the value masked, so neither ever holds a password.
public struct SecretMasking {
    let session: Session

    public init(session: Session) {
        self.session = session
    }

    public func maskedLine(_ line: String) -> String? {
        guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
        guard let commands = try? session.lexer.lex(line) else { return line }
        var masked = false
        let rebuilt = commands.map { command -> String in
            var words = command.words.map { ConfigModelQuoting.word($0.text) }
            if let secretIndex = secretValueIndex(command.words) {
                words[secretIndex] = SecretMask.text
                masked = true
            }
            let pipes = command.pipes.map { " | " + $0.map { ConfigModelQuoting.word($0.text) }.joined(separator: " ") }
            return words.joined(separator: " ") + pipes.joined()
        }
        return masked ? rebuilt.joined(separator: "; ") : line
    }

    /// The index of the value word when the command sets a secret leaf.
    private func secretValueIndex(_ words: [Word]) -> Int? {
        guard let first = words.first, (try? CommandTable.find(first))?.command == .set, words.count > 2 else { return nil }
        let path = words.dropFirst().map(\.text)
        guard let resolution = try? session.resolver.resolve(path, from: session.location),
            resolution.node.leafSpec?.type.isSecret == true, resolution.wordsUsed < path.count
        else { return nil }
        return 1 + resolution.wordsUsed
    }
}
