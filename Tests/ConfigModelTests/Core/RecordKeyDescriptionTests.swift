import ConfigModel
import DigitalAccess
import Testing

/// A key describes itself without the schema; for every record the schema knows, that must
/// be exactly its path's description.
@Suite struct RecordKeyDescriptionTests {
    /// Keys that need quotes, escapes, or none.
    private static let keys = ["m1", "Bank Issuing CA 2", "Ünïcødé \"quoted\" $HOME", "/alice", "#1"]

    @Test(arguments: keys)
    func everyRecordOfTheSchemaIsDescribedAsItsPath(key: String) {
        for path in Self.recordPaths(under: DigitalAccessSchema.root, at: .root, key: key) {
            #expect(RecordKey(path).description == path.description)
        }
    }

    @Test func theRootIsDescribedAsNothing() {
        #expect(RecordKey(.root).description == "")
    }

    /// Every container and list entry below `node`, each list's entry keyed by `key`.
    private static func recordPaths(under node: SchemaNode, at path: ConfigPath, key: String) -> [ConfigPath] {
        node.children.flatMap { child -> [ConfigPath] in
            switch child.kind {
            case .leaf: return []
            case .container: return [path.appending(child.keyword)] + recordPaths(under: child, at: path.appending(child.keyword), key: key)
            case .list:
                let entry = path.appending(child.keyword, key: key)
                return [entry] + recordPaths(under: child, at: entry, key: key)
            }
        }
    }
}
