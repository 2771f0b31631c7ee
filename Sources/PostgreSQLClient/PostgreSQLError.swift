import Foundation

/// A failure reported by libpq or by the server, with libpq's own message and the host it
/// came from, so that whoever reads it knows which server to look at.
public struct PostgreSQLError: Error, Equatable, CustomStringConvertible {
    /// libpq's message, on one line.
    public let message: String
    /// The server's SQLSTATE (`42P01`, …); nil when no server answered (the connection failed
    /// or was lost).
    public let sqlState: String?
    /// The host (or Unix socket directory) of the connection.
    public let host: String

    public init(message: String, sqlState: String?, host: String) {
        self.message = message
        self.sqlState = sqlState
        self.host = host
    }

    public var description: String { message }

    /// libpq ends its messages with a newline and continues some on tab-indented lines.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
