import DigitalAccess

@testable import ConfigModel

// The model's tests run on the Digital Access schema: these name it once, rather than at
// every call.

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

extension RecordKey {
    func path() -> ConfigPath? {
        path(in: DigitalAccessSchema.root)
    }
}

extension PathResolver {
    init() {
        self.init(schema: DigitalAccessSchema.root)
    }
}

extension JSONImport {
    init() {
        self.init(schema: DigitalAccessSchema.root)
    }
}

extension DiffRenderer {
    init(includeSecrets: Bool = false) {
        self.init(schema: DigitalAccessSchema.root, includeSecrets: includeSecrets)
    }
}
