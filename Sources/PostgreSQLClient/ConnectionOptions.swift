import CLibPQ

/// What a connection string sets, read as libpq reads it (without its environment and
/// defaults): to tell, before connecting, which host and database it names and whether it
/// holds a password.
public struct ConnectionOptions: Sendable {
    /// Each keyword the string sets (`host`, `dbname`, `password`, …) and its value.
    public let values: [String: String]

    /// Parses `connectionString`, a libpq URI or `key=value` list; throws libpq's message
    /// when it is malformed.
    public init(_ connectionString: String) throws {
        let libpq = try LibPQ.shared()
        var message: UnsafeMutablePointer<CChar>?
        guard let options = libpq.conninfoParse(connectionString, &message) else {
            defer { libpq.freemem(message) }
            let text = message.map { String(cString: $0) } ?? "invalid connection string"
            throw PostgreSQLError(message: PostgreSQLError.oneLine(text), sqlState: nil, host: "")
        }
        defer { libpq.conninfoFree(options) }
        var values: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { values[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        self.values = values
    }
}
