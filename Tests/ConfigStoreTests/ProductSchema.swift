import ConfigModel
import ConfigStore
import DigitalAccess

// The store's tests run on the Digital Access schema: these name it once, rather than at
// every call.

extension SQLiteStore {
    convenience init(path: String) throws {
        try self.init(path: path, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
    }
}

extension ConfigPath {
    init(schemaWords words: [String]) {
        self.init(schemaWords: words, schema: DigitalAccessSchema.root)
    }
}
