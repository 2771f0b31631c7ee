import CLibPQ

/// The rows a query returned, held whole by libpq (`PGresult`) and read in place: a value
/// is copied out only when asked for. Each column comes in the format the query asked for
/// (`ResultFormat`); the accessors read either.
public final class QueryResult: RandomAccessCollection {
    private let result: OpaquePointer
    private let libpq: LibPQ

    /// Takes over `result`, which this frees.
    init(_ result: OpaquePointer, libpq: LibPQ) {
        self.result = result
        self.libpq = libpq
    }

    deinit {
        libpq.clear(result)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(libpq.ntuples(result)) }
    public subscript(row: Int) -> Row { Row(result: self, row: Int32(row)) }

    /// One row of a `QueryResult`, which it keeps.
    public struct Row {
        let result: QueryResult
        let row: Int32

        public func isNull(_ column: Int) -> Bool {
            result.libpq.getisnull(result.result, row, Int32(column)) == 1
        }

        /// The column's bytes: a text's UTF-8 in either format, or a value's binary form.
        public func withBytes<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
            guard !isNull(column), let value = result.libpq.getvalue(result.result, row, Int32(column)) else { return nil }
            let count = Int(result.libpq.getlength(result.result, row, Int32(column)))
            return value.withMemoryRebound(to: UInt8.self, capacity: count) { body(UnsafeBufferPointer(start: $0, count: count)) }
        }

        public func string(_ column: Int) -> String? {
            withBytes(column) { String(decoding: $0, as: UTF8.self) }
        }

        /// An integer column (`smallint`, `integer`, `bigint`) in either format.
        public func integer(_ column: Int) -> Int? {
            let binary = result.libpq.fformat(result.result, Int32(column)) == 1
            return withBytes(column) { bytes in
                binary ? Self.bigEndianInteger(bytes) : Self.decimalInteger(bytes)
            } ?? nil
        }

        /// A `double precision` column in either format.
        public func double(_ column: Int) -> Double? {
            let binary = result.libpq.fformat(result.result, Int32(column)) == 1
            return withBytes(column) { bytes in
                guard binary else { return Double(String(decoding: bytes, as: UTF8.self)) }
                guard bytes.count == 8 else { return nil }
                return Double(bitPattern: bytes.reduce(0) { $0 << 8 | UInt64($1) })
            } ?? nil
        }

        private static func bigEndianInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            guard [2, 4, 8].contains(bytes.count) else { return nil }
            var value: Int64 = bytes[0] >= 0x80 ? -1 : 0
            for byte in bytes { value = value << 8 | Int64(byte) }
            return Int(value)
        }

        private static func decimalInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            var digits = bytes[...]
            let negative = digits.first == UInt8(ascii: "-")
            if negative { digits = digits.dropFirst() }
            guard !digits.isEmpty else { return nil }
            var value = 0
            for digit in digits {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
            }
            return negative ? -value : value
        }
    }
}

/// How a query's result columns come back: as text, or in each type's binary form (an
/// integer's or a float's bytes, where text would be parsed; a text is the same either way).
public enum ResultFormat: Int32, Sendable {
    case text = 0
    case binary = 1
}
