import CLibPQ

/// A value sent with a query, in the form libpq passes on: its type and its bytes, in the
/// text or the binary format. Texts and arrays of texts go in the binary format, which is
/// their bytes as they are (no terminating NUL, no escaping); integers go as decimal text
/// with no declared type, so that the server gives them whatever integer type the query
/// needs where they stand (`LIMIT`, `substr`, a function's `integer` argument).
public protocol QueryParameter {
    /// The parameter's type; 0 lets the server infer it from the query.
    static var typeOID: Oid { get }
    /// 0 for the text format, 1 for the binary one.
    static var format: Int32 { get }
    /// The bytes sent; nil for SQL NULL. A text-format value ends with a NUL byte.
    var encoded: [UInt8]? { get }
}

/// PostgreSQL's type numbers (pg_type.oid) that dashell sends.
enum TypeOID {
    static let unspecified: Oid = 0
    static let text: Oid = 25
    static let textArray: Oid = 1009
}

extension String: QueryParameter {
    public static var typeOID: Oid { TypeOID.text }
    public static var format: Int32 { 1 }
    public var encoded: [UInt8]? { Array(utf8) }
}

extension Int: QueryParameter {
    public static var typeOID: Oid { TypeOID.unspecified }
    public static var format: Int32 { 0 }
    public var encoded: [UInt8]? { Array(String(self).utf8) + [0] }
}

extension Optional: QueryParameter where Wrapped: QueryParameter {
    public static var typeOID: Oid { Wrapped.typeOID }
    public static var format: Int32 { Wrapped.format }
    public var encoded: [UInt8]? { self?.encoded }
}

/// A one-dimensional `text[]` in PostgreSQL's binary array format, elements possibly NULL:
/// how a batch of rows goes to a server function in one parameter, `unnest`ed there.
public struct TextArray: QueryParameter {
    public static var typeOID: Oid { TypeOID.textArray }
    public static var format: Int32 { 1 }
    public let encoded: [UInt8]?

    public init(_ elements: some Collection<String?>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20 + elements.reduce(0) { $0 + 4 + ($1?.utf8.count ?? 0) })
        func append(_ value: Int32) {
            withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
        }
        // Header: dimensions, whether any element is NULL, the element type, then per
        // dimension its length and lower bound. An empty array has no dimension.
        append(elements.isEmpty ? 0 : 1)
        append(elements.contains { $0 == nil } ? 1 : 0)
        append(Int32(bitPattern: TypeOID.text))
        if !elements.isEmpty {
            append(Int32(elements.count))
            append(1)
        }
        for element in elements {
            if let element {
                append(Int32(element.utf8.count))
                bytes.append(contentsOf: element.utf8)
            } else {
                append(-1)
            }
        }
        encoded = bytes
    }

    public init(_ elements: some Collection<String>) {
        self.init(elements.lazy.map { Optional($0) })
    }
}
