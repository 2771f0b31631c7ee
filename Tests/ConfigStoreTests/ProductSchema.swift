import ConfigModel
import ConfigStore
import DigitalAccess

// The store's tests run on the Digital Access schema: these name it once, rather than at
// every call.

extension ConfigPath {
    init(schemaWords words: [String]) {
        self.init(schemaWords: words, schema: DigitalAccessSchema.root)
    }
}
