/// Gathers text as UTF-8 bytes and makes a `String` once at the end: appending scalars one
/// by one to a `String` costs far more per scalar, which shows on a 10 MB line.
struct UTF8Buffer {
    private var bytes: [UInt8] = []

    mutating func append(_ scalar: Unicode.Scalar) {
        append(contentsOf: CollectionOfOne(scalar))
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(contentsOf scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars {
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
