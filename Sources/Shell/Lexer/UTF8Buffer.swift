/// Gathers text as UTF-8 bytes and makes a `String` once at the end: appending scalars one
/// by one to a `String` costs far more per scalar, which shows on a 10 MB line.
struct UTF8Buffer {
    private var bytes: [UInt8] = []

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.isASCII {
            bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { bytes.append($0) }
        }
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A run of scalars, as the cursor hands them out: room for the whole run is made once
    /// (growing geometrically, so that many short runs stay linear), then bytes are copied.
    mutating func append(contentsOf scalars: ArraySlice<Unicode.Scalar>) {
        let needed = bytes.count + scalars.count
        if bytes.capacity < needed { bytes.reserveCapacity(max(needed, 2 * bytes.capacity, 16)) }
        scalars.withUnsafeBufferPointer { run in
            for scalar in run {
                if scalar.isASCII {
                    bytes.append(UInt8(truncatingIfNeeded: scalar.value))
                } else {
                    UTF8.encode(scalar) { bytes.append($0) }
                }
            }
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
