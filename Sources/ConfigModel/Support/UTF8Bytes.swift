#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Text as its UTF-8 bytes: where keys and values are compared, hashed and checked byte by
/// byte, in bulk, without `String`'s Unicode-aware comparison or a copy.
public enum UTF8Bytes {
    /// The bytes of `text`, without copying a native string's own storage.
    @inlinable
    public static func with<T>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Whether two runs of bytes are the same, compared in bulk rather than byte by byte.
    @inlinable
    public static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.isEmpty || memcmp(lhs.baseAddress!, rhs.baseAddress!, lhs.count) == 0
    }

    /// Byte order (memcmp, then length), the order SQLite's BINARY collation gives:
    /// negative, zero or positive.
    @inlinable
    public static func compare(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Int {
        with(lhs) { left in
            with(rhs) { right in
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : Int(memcmp(left.baseAddress!, right.baseAddress!, common))
                return order != 0 ? order : left.count - right.count
            }
        }
    }
}
