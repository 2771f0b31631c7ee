// libFuzzer target: bytes → every value type of the schema (a canonical value parses to itself),
// list keys (which round-trip through record keys), record decoding, and JSON import (what `load` reads). Built by scripts/fuzz.
import ConfigModel
import DigitalAccess
import Foundation

private let schema = DigitalAccessSchema.root
private let types: [ValueType] = {
    var types: [ValueType] = [.string, .text, .hostname, .port, .boolean, .email, .secret, .uint(0...300)]
    func walk(_ node: SchemaNode) {
        if let spec = node.leafSpec { types.append(spec.type) }
        node.children.forEach(walk)
    }
    walk(schema)
    return types
}()
private let importer = JSONImport(schema: schema)

@_cdecl("LLVMFuzzerTestOneInput")
public func valueFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    for type in types {
        // A canonical value parses to itself.
        if let canonical = try? type.parse(text), let again = try? type.parse(canonical), again != canonical {
            fatalError("\(type.name): '\(text)' → '\(canonical)' → '\(again)'")
        }
    }
    // A name key accepts every identifier key and blanks besides: the widest set of keys.
    if let key = try? ListKey.name.validate(text) {
        let path = ConfigPath(schemaWords: ["manage-system", "certificates", "certificate-authority", key], schema: schema)
        let recordKey = RecordKey(path)
        if recordKey.path(in: schema) != path { fatalError("key '\(key)' does not round-trip through RecordKey") }
    }
    // Whatever a damaged store holds decodes to some record.
    _ = Record(encoded: text).leaves.count
    if let imported = try? importer.read(Data(bytes)) {
        _ = imported.config
    }
    return 0
}
