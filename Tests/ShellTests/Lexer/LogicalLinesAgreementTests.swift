import ConfigModel
import Testing

@testable import ShellCore

/// `LogicalLines` cuts lines without a backslash straight out of the bytes; it must split
/// every source exactly as the tokenizer does when it reads the whole source.
@Suite struct LogicalLinesAgreementTests {
    private static func tokenizerSplit(_ source: String, firstLine: Int) -> [LogicalLine] {
        let noVariables: (String) -> String? = { _ in nil }
        return Tokenizer<LenientReading>.reading(source, firstLine: firstLine, variables: noVariables, knownWords: .none) { tokenizer in
            var lines: [LogicalLine] = []
            while !tokenizer.cursor.isAtEnd {
                let start = tokenizer.cursor.index, line = tokenizer.cursor.position.line
                tokenizer.scanLogicalLine()
                lines.append(
                    LogicalLine(
                        text: tokenizer.cursor.text(from: start, to: tokenizer.cursor.index), line: line,
                        isContinued: tokenizer.endsInContinuation))
                tokenizer.finishLogicalLine()
            }
            return lines
        }
    }

    @Test func randomSourcesSplitAsTheTokenizerSplitsThem() {
        var generator = SplitMix64(seed: 0x11E5)
        let alphabet: [Unicode.Scalar] = Array(" \\\\\\\n\n\n\r\r'\"#ab$;|é😀\u{301}".unicodeScalars)
        for _ in 0..<20_000 {
            var source = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                source.append(alphabet.randomElement(using: &generator)!)
            }
            let text = String(source)
            #expect(Array(LogicalLines(text, firstLine: 3)) == Self.tokenizerSplit(text, firstLine: 3), "\(text.debugDescription)")
        }
    }

    @Test func edgeCases() {
        for text in [
            "", "\n", "\r\n", "\r", "a\r", "a\\\r\n", "a\\\r\r\n", "x # c\\\n\ny", "a \\\n\nb", "'a\\\nb'\nc",
            "\"a\\\nb\"\nc", "a\\", "a\\\n", "\\\n\\\n\\\n", "a\n\\\nb\\\n\nc",
        ] {
            #expect(Array(LogicalLines(text)) == Self.tokenizerSplit(text, firstLine: 1), "\(text.debugDescription)")
        }
    }
}
