import ConfigModel
import DigitalAccess

// The rules' tests build configurations of the Digital Access schema: these name it once,
// rather than at every call.

extension ConfigTree {
    init() {
        self.init(schema: DigitalAccessSchema.root)
    }
}

extension ConfigPath {
    init(schemaWords words: [String]) {
        self.init(schemaWords: words, schema: DigitalAccessSchema.root)
    }
}
