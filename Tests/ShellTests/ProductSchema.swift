import ConfigModel
import DigitalAccess

@testable import ShellCore

// The shell's tests run on the Digital Access schema: these name it once, rather than at
// every call.

extension ConfigPath {
    init(schemaWords words: [String]) {
        self.init(schemaWords: words, schema: DigitalAccessSchema.root)
    }
}

extension PathResolver {
    init() {
        self.init(schema: DigitalAccessSchema.root)
    }
}

extension LexedLines {
    init(text: String, lexer: Lexer) {
        self.init(text: text, lexer: lexer, resolver: PathResolver())
    }
}
