#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The storage key of a record: the words of its path joined by U+001F, which no keyword or
/// key contains. Byte order of keys puts a record's descendants right after it, so a subtree
/// is one range of keys; within a list, entries sort by their keys' code points.
public struct RecordKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let separator: Character = "\u{1F}"

    public let encoded: String

    public init(encoded: String) {
        self.encoded = encoded
    }

    public init(_ path: ConfigPath) {
        var encoded = ""
        for step in path.steps {
            if !encoded.isEmpty { encoded.append(Self.separator) }
            encoded += step.keyword
            if let key = step.key {
                encoded.append(Self.separator)
                encoded += key
            }
        }
        self.encoded = encoded
    }

    /// The lowest key strictly inside this record's subtree.
    public var descendantsLowerBound: String { encoded.isEmpty ? "" : encoded + "\u{1F}" }
    /// The first key past this record's subtree.
    public var descendantsUpperBound: String { encoded.isEmpty ? "\u{10FFFF}" : encoded + "\u{20}" }

    /// Whether `self` lies strictly inside `ancestor`'s subtree.
    public func isDescendant(of ancestor: RecordKey) -> Bool {
        ancestor.encoded.isEmpty ? !encoded.isEmpty : encoded.utf8.starts(with: ancestor.descendantsLowerBound.utf8)
    }

    /// Decodes the path, using the schema to tell keywords from keys.
    public func path(in schema: SchemaNode = DigitalAccessSchema.root) -> ConfigPath? {
        guard !encoded.isEmpty else { return .root }
        let words = encoded.split(separator: Self.separator, omittingEmptySubsequences: false).map(String.init)
        var steps: [ConfigPath.Step] = []
        var node = schema
        var index = 0
        while index < words.count {
            guard let child = node.child(words[index]) else { return nil }
            if child.isList {
                guard index + 1 < words.count else { return nil }
                steps.append(.init(child.keyword, key: words[index + 1]))
                index += 2
            } else {
                steps.append(.init(child.keyword))
                index += 1
            }
            node = child
        }
        return ConfigPath(steps)
    }

    /// Keys are compared as bytes, as the store compares them: `String`'s `==` would make
    /// canonically equivalent keys (`é` precomposed or decomposed) one key, and disagree with `<`.
    public static func == (lhs: RecordKey, rhs: RecordKey) -> Bool {
        lhs.encoded.utf8.count == rhs.encoded.utf8.count && compareBytes(lhs.encoded, rhs.encoded) == 0
    }

    public func hash(into hasher: inout Hasher) {
        var bytes = encoded
        bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Byte order, the order SQLite's BINARY collation gives.
    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        compareBytes(lhs.encoded, rhs.encoded) < 0
    }

    /// memcmp over the UTF-8 bytes; keys are compared millions of times in bulk publishes.
    private static func compareBytes(_ lhs: String, _ rhs: String) -> Int {
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : Int(memcmp(left.baseAddress!, right.baseAddress!, common))
                return order != 0 ? order : left.count - right.count
            }
        }
    }

    public var description: String { path()?.description ?? encoded }
}
