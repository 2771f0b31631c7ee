/// A set of ASCII bytes as a 128-bit mask, so that the loops over plain text test a byte
/// with a shift and a bit test instead of a chain of comparisons.
struct ASCIISet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The ASCII bytes that satisfy `predicate`, which is asked once for each of them here.
    init(where predicate: (UInt8) -> Bool) {
        for byte in UInt8(0)..<0x80 where predicate(byte) {
            if byte < 64 {
                low |= 1 &<< byte
            } else {
                high |= 1 &<< (byte - 64)
            }
        }
    }

    /// Whether `byte`, which must be ASCII, is in the set.
    func contains(_ byte: UInt8) -> Bool {
        (byte < 64 ? low : high) &>> byte & 1 != 0
    }
}
