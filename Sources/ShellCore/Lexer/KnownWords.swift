import ConfigModel
import Foundation

/// The long words a script repeats on every line — the schema's keywords — held once each.
///
/// Swift keeps a string of up to 15 bytes inside the value itself; a longer one is a heap
/// allocation, made by the lexer and freed once the command has run. Every line of a bulk
/// script starts with the same long keywords (a top-level container's, a list's), so the
/// lexer hands out the schema's own string for such a word instead of a copy of it.
struct KnownWords: Sendable {
    /// Keywords by fingerprint; of two with the same fingerprint only the first is kept, and
    /// the other is simply copied like any word.
    private let table: [UInt64: String]

    /// No word is known: every word is copied.
    static let none = KnownWords(table: [:])

    private init(table: [UInt64: String]) {
        self.table = table
    }

    /// The keywords of `schema` that are too long to be kept inside a string value.
    init(schema: SchemaNode) {
        var table: [UInt64: String] = [:]
        func add(_ node: SchemaNode) {
            for child in node.children {
                if child.keyword.utf8.count > 15 {
                    var keyword = child.keyword
                    let print = keyword.withUTF8 { Self.fingerprint($0) }
                    if table[print] == nil { table[print] = keyword }
                }
                add(child)
            }
        }
        add(schema)
        self.table = table
    }

    /// The known string with exactly these bytes, if there is one.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count > 15, var known = table[Self.fingerprint(bytes)] else { return nil }
        return known.withUTF8 { $0.count == bytes.count && memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 } ? known : nil
    }

    /// Length and the first and last eight bytes: enough to tell the schema's keywords apart
    /// almost always, and cheap. Only for more than 15 bytes.
    private static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        let head = raw.loadUnaligned(as: UInt64.self)
        let tail = raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        return (head &* 0x9E37_79B9_7F4A_7C15) ^ tail ^ UInt64(bytes.count)
    }
}
