import ConfigStore
import PostgreSQLClient

/// Where a PostgreSQL store is, as `--store` gives it: a libpq URI (`postgresql://…` or
/// `postgres://…`), with libpq's parameters (`host=/run/postgresql` for a Unix socket,
/// `sslmode`, …). Shown without its password, if it holds one.
public struct ServerLocation: Sendable, CustomStringConvertible {
    /// The URI as given, to connect with.
    public let uri: String
    /// Whether the URI holds a password, which anyone can read in `ps`: worth a warning.
    public let hasPassword: Bool

    /// Whether a `--store` location names a PostgreSQL store rather than an SQLite file.
    public static func isServerURI(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Reads `uri`; a malformed one is refused with libpq's reason.
    public init(_ uri: String) throws {
        self.uri = uri
        do {
            hasPassword = try ConnectionOptions(uri).values["password"] != nil
        } catch let error as PostgreSQLError {
            throw StoreError.unusable(path: Self.withoutPassword(uri), reason: error.message)
        }
    }

    public var description: String { hasPassword ? Self.withoutPassword(uri) : uri }

    /// `uri` without the password of its user part (`user:secret@`) or its `password`
    /// parameter.
    static func withoutPassword(_ uri: String) -> String {
        guard let schemeEnd = uri.range(of: "://")?.upperBound else { return uri }
        let rest = uri[schemeEnd...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            authority.removeSubrange(colon..<at)
        }
        var tail = String(rest[authorityEnd...])
        if let question = tail.firstIndex(of: "?") {
            let parameters = tail[tail.index(after: question)...].split(separator: "&").filter { !$0.hasPrefix("password=") }
            tail = tail[..<question] + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
        }
        return uri[..<schemeEnd] + authority + tail
    }
}
