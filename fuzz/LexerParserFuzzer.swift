// libFuzzer target: bytes → script decoding, logical lines, the lexer (strict and the
// lenient reading completion uses), command and pipe-stage lookup, path resolution.
// Nothing is executed. Built by scripts/fuzz.
import ConfigModel
import DigitalAccess
import Foundation
@testable import ShellCore

private let schema = DigitalAccessSchema.root
/// Knows the schema's keywords, as a session's lexer does, so that their lookup is fuzzed too.
private let lexer = Lexer(keywordsOf: schema) { name in name == "HOST" ? "ag.example.com" : name == "EMPTY" ? "" : nil }
private let resolver = PathResolver(schema: schema)
private let method = ConfigPath(schemaWords: ["manage-system", "authentication-methods", "method", "m1"], schema: schema)

@_cdecl("LLVMFuzzerTestOneInput")
public func lexerParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    // As a script file: invalid UTF-8 must be an error, never a crash.
    guard let text = try? ScriptFile.decode(Data(bytes), name: "fuzz.dash") else { return 0 }
    _ = lexer.lexPartial(text)
    for logical in LogicalLines(text) {
        _ = logical.physicalLine(logical.line)
        guard let commands = try? lexer.lex(logical.text, firstLine: logical.line) else { continue }
        for command in commands {
            guard let first = command.words.first else { continue }
            _ = try? CommandTable.find(first)
            for stage in command.pipes { _ = try? PipeStage.parse(stage) }
            let words = command.words.dropFirst().map(\.text)
            _ = try? resolver.resolve(words, from: .root)
            _ = try? resolver.resolve(words, from: method)
        }
    }
    return 0
}
