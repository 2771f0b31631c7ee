/// The leaves of one record (a list entry, or a container outside any list), by their
/// keyword path relative to the record (`display-name`, `portwise-authentication notification`).
/// Values are canonical text. A list entry's record exists even with no leaf set.
///
/// The leaves are kept in an array sorted by name rather than in a dictionary: a record
/// holds a handful, and every `set` copies one, every publish compares and encodes one per
/// changed record. A short sorted array copies, searches and compares without hashing, and
/// is already in the order the encoded form needs.
public struct Record: Hashable, Sendable {
    public struct Leaf: Hashable, Sendable {
        public let name: String
        public var value: String
    }

    /// Sorted by name, each name once.
    public private(set) var leaves: [Leaf]

    public init(_ leaves: [String: String] = [:]) {
        self.leaves = leaves.map { Leaf(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
    }

    public subscript(_ name: String) -> String? {
        get {
            for leaf in leaves where leaf.name == name { return leaf.value }
            return nil
        }
        set {
            let index = leaves.firstIndex { $0.name >= name } ?? leaves.endIndex
            let exists = index < leaves.endIndex && leaves[index].name == name
            switch (newValue, exists) {
            case (let value?, true): leaves[index].value = value
            case (let value?, false): leaves.insert(Leaf(name: name, value: value), at: index)
            case (nil, true): leaves.remove(at: index)
            case (nil, false): break
            }
        }
    }

    /// The leaf `leaf` of the container `container` inside the record (the leaf named
    /// `container leaf`), found without making that name: showing a list reads every leaf of
    /// every entry's containers.
    public subscript(_ container: String, _ leaf: String) -> String? {
        UTF8Bytes.with(container) { container in
            UTF8Bytes.with(leaf) { leaf in
                for candidate in leaves where Self.isName(candidate.name, of: leaf, in: container) { return candidate.value }
                return nil
            }
        }
    }

    private static func isName(_ name: String, of leaf: UnsafeBufferPointer<UInt8>, in container: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.with(name) { name in
            name.count == container.count + 1 + leaf.count && name[container.count] == UInt8(ascii: " ")
                && UTF8Bytes.equal(UnsafeBufferPointer(rebasing: name[..<container.count]), container)
                && UTF8Bytes.equal(UnsafeBufferPointer(rebasing: name[(container.count + 1)...]), leaf)
        }
    }

    public var isEmpty: Bool { leaves.isEmpty }

    public var count: Int { leaves.count }

    /// The names of the leaves set, sorted.
    public var names: [String] { leaves.map(\.name) }

    /// Unsets every leaf `shouldRemove` picks; returns whether any was.
    @discardableResult
    public mutating func removeLeaves(where shouldRemove: (String) -> Bool) -> Bool {
        let before = leaves.count
        leaves.removeAll { shouldRemove($0.name) }
        return leaves.count != before
    }

    // MARK: Compact encoding

    private static let nameEnd: UInt8 = 0x1F
    private static let valueEnd: UInt8 = 0x1E

    /// `name US value RS` per leaf, sorted by name. Neither separator can occur in a name or
    /// a value (V1 refuses control characters), and the form costs one pass each way.
    public var encoded: String {
        var size = 0
        for leaf in leaves { size += leaf.name.utf8.count + leaf.value.utf8.count + 2 }
        // Written once into a buffer of the final size: appending piece by piece regrows
        // the string, and a bulk publish encodes every record it writes.
        return String(unsafeUninitializedCapacity: size) { buffer in
            var offset = 0
            func copy(_ text: String) {
                offset = buffer[offset...].initialize(fromContentsOf: text.utf8)
            }
            for leaf in leaves {
                copy(leaf.name)
                buffer[offset] = Self.nameEnd
                offset += 1
                copy(leaf.value)
                buffer[offset] = Self.valueEnd
                offset += 1
            }
            return offset
        }
    }

    private static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    public init(encoded: String) {
        var leaves: [Leaf] = []
        // Over the bytes: every record a read, a walk or a search returns is decoded here.
        UTF8Bytes.with(encoded) { bytes in
            var start = 0
            while let nameEnd = bytes[start...].firstIndex(of: Self.nameEnd) {
                let valueStart = nameEnd + 1
                let valueEnd = bytes[valueStart...].firstIndex(of: Self.valueEnd) ?? bytes.count
                leaves.append(Leaf(name: Self.text(bytes[start..<nameEnd]), value: Self.text(bytes[valueStart..<valueEnd])))
                start = min(valueEnd + 1, bytes.count)
            }
        }
        // Written sorted; a file edited by hand is put back in order, a repeated name
        // keeping its last value, as a dictionary would have.
        if zip(leaves, leaves.dropFirst()).allSatisfy({ $0.name < $1.name }) {
            self.leaves = leaves
        } else {
            var byName: [String: String] = [:]
            for leaf in leaves { byName[leaf.name] = leaf.value }
            self = Record(byName)
        }
    }
}
