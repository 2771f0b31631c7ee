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
        let sorted = leaves.sorted { $0.key < $1.key }
        var size = 0
        for (name, value) in sorted { size += name.utf8.count + value.utf8.count + 2 }
        // Written once into a buffer of the final size: appending piece by piece regrows
        // the string, and a bulk publish encodes every record it writes.
        return String(unsafeUninitializedCapacity: size) { buffer in
            var offset = 0
            func copy(_ text: String) {
                offset = buffer[offset...].initialize(fromContentsOf: text.utf8)
            }
            for (name, value) in sorted {
                copy(name)
                buffer[offset] = Self.nameEnd
                offset += 1
                copy(value)
                buffer[offset] = Self.valueEnd
                offset += 1
            }
            return offset
        }
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
