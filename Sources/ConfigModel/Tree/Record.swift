/// The leaves of one record (a list entry, or a container outside any list), by their
/// keyword path relative to the record (`display-name`, `portwise-authentication notification`).
/// Values are canonical text. A list entry's record exists even with no leaf set.
public struct Record: Hashable, Sendable {
    public var leaves: [String: String]

    public init(_ leaves: [String: String] = [:]) {
        self.leaves = leaves
    }

    public subscript(_ leaf: String) -> String? {
        get { leaves[leaf] }
        set { leaves[leaf] = newValue }
    }

    public var isEmpty: Bool { leaves.isEmpty }

    // MARK: Compact encoding

    private static let nameEnd: UInt8 = 0x1F
    private static let valueEnd: UInt8 = 0x1E

    /// `name US value RS` per leaf, sorted by name. Neither separator can occur in a name or
    /// a value (V1 refuses control characters), and the form costs one pass each way.
    public var encoded: String {
        var result = ""
        for name in leaves.keys.sorted() {
            result += name
            result.unicodeScalars.append("\u{1F}")
            result += leaves[name]!
            result.unicodeScalars.append("\u{1E}")
        }
        return result
    }

    public init(encoded: String) {
        var leaves: [String: String] = [:]
        var utf8 = encoded.utf8[...]
        while let nameEnd = utf8.firstIndex(of: Self.nameEnd) {
            let name = String(Substring(utf8[..<nameEnd]))
            let rest = utf8[utf8.index(after: nameEnd)...]
            let valueEnd = rest.firstIndex(of: Self.valueEnd) ?? rest.endIndex
            leaves[name] = String(Substring(rest[..<valueEnd]))
            utf8 = valueEnd == rest.endIndex ? rest[valueEnd...] : rest[rest.index(after: valueEnd)...]
        }
        self.leaves = leaves
    }
}
