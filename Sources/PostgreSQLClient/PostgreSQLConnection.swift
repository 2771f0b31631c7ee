import CLibPQ
import Foundation

/// One connection to a PostgreSQL server, through libpq: queries with parameters, results
/// in text or binary form, transactions. Not safe to share between threads: its owner
/// serialises every use.
///
/// A statement run a second time is prepared on the server, so that a query a session
/// repeats (a point read per edited record) is parsed and planned once; one run only once
/// (most of a short `-c` session's) costs no extra round trip.
public final class PostgreSQLConnection {
    private let libpq: LibPQ
    private let connection: OpaquePointer
    private var statements: [String: Statement] = [:]
    private var preparedCount = 0

    private enum Statement {
        case seenOnce
        case prepared(name: String)
    }

    /// Connects with `connectionString`, a libpq URI (`postgresql://…`) or `key=value`
    /// list, and libpq's environment (`PGPASSWORD`, `~/.pgpass`, `PGSSLMODE`, …). The
    /// client encoding is UTF-8 whatever the environment says, as every text dashell sends
    /// and reads is.
    public init(_ connectionString: String, applicationName: String) throws {
        let keywords = ["dbname", "fallback_application_name", "client_encoding"]
        let values = [connectionString, applicationName, "UTF8"]
        let libpq = try LibPQ.shared()
        // Later keywords override what the expanded connection string sets.
        let connection = withCStrings(keywords) { keywords in
            withCStrings(values) { values in libpq.connectdbParams(keywords, values, 1) }
        }
        guard let connection else {
            throw PostgreSQLError(message: "out of memory", sqlState: nil, host: "")
        }
        guard libpq.status(connection) == CONNECTION_OK else {
            let error = PostgreSQLError(
                message: Self.message(of: connection, libpq: libpq), sqlState: nil,
                host: libpq.host(connection).map { String(cString: $0) } ?? "")
            libpq.finish(connection)
            throw error
        }
        // Notices (`NOTICE: … already exists, skipping`) would go to stderr.
        _ = libpq.setNoticeProcessor(connection, { _, _ in }, nil)
        self.libpq = libpq
        self.connection = connection
    }

    deinit {
        libpq.finish(connection)
    }

    /// The host name, or the directory of the Unix socket, connected to.
    public var host: String { libpq.host(connection).map { String(cString: $0) } ?? "" }
    /// The role the server authenticated.
    public var user: String { libpq.user(connection).map { String(cString: $0) } ?? "" }

    /// A setting the server reports at connection (`server_encoding`, `server_version`, …).
    public func parameterStatus(_ name: String) -> String? {
        libpq.parameterStatus(connection, name).map { String(cString: $0) }
    }

    /// Whether the connection is usable; false once it was lost.
    public var isConnected: Bool { libpq.status(connection) == CONNECTION_OK }

    /// Whether a transaction is open (and not yet committed or rolled back).
    public var isInTransaction: Bool {
        let status = libpq.transactionStatus(connection)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    // MARK: Queries

    /// Runs `sql`, which may hold several statements and no parameters, in one round trip.
    public func execute(_ sql: String) throws {
        _ = try checked(libpq.exec(connection, sql))
    }

    /// Runs one statement with `parameters` bound to `$1`, `$2`, …, and returns its rows,
    /// their columns in `format`.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any QueryParameter] = [], format: ResultFormat = .text) throws -> QueryResult {
        let values = parameters.map(\.encoded)
        let types = parameters.map { type(of: $0).typeOID }
        let formats = parameters.map { type(of: $0).format }
        let lengths = values.map { Int32($0?.count ?? 0) }
        // One buffer for every value; the trailing byte gives an empty value an address, as
        // a null pointer would send NULL.
        let buffer = values.reduce(into: [UInt8]()) { $0 += $1 ?? [] } + [0]
        let result = try buffer.withUnsafeBytes { bytes in
            var offset = 0
            let pointers: [UnsafePointer<CChar>?] = values.map { value in
                guard let value else { return nil }
                defer { offset += value.count }
                return (bytes.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
            }
            return try send(sql, types: types, values: pointers, lengths: lengths, formats: formats, format: format)
        }
        return try checked(result)
    }

    private func send(
        _ sql: String, types: [Oid], values: [UnsafePointer<CChar>?], lengths: [Int32], formats: [Int32], format: ResultFormat
    ) throws -> OpaquePointer? {
        let count = Int32(values.count)
        switch statements[sql] {
        case nil:
            statements[sql] = .seenOnce
            return libpq.execParams(connection, sql, count, types, values, lengths, formats, format.rawValue)
        case .seenOnce:
            let name = "statement_\(preparedCount + 1)"
            _ = try checked(libpq.prepare(connection, name, sql, count, types))
            preparedCount += 1
            statements[sql] = .prepared(name: name)
            return libpq.execPrepared(connection, name, count, values, lengths, formats, format.rawValue)
        case .prepared(let name):
            return libpq.execPrepared(connection, name, count, values, lengths, formats, format.rawValue)
        }
    }

    // MARK: Notifications

    /// The connection's socket, readable when the server has sent something: after a
    /// `LISTEN`, a notification.
    public var socket: Int32 { libpq.socket(connection) }

    /// The notifications that have arrived, oldest first, read from the socket without
    /// waiting. A notification that arrived during a query waits in libpq rather than on
    /// the socket: this returns those too.
    public func notifications() throws -> [Notification] {
        guard libpq.consumeInput(connection) == 1 else {
            throw PostgreSQLError(message: Self.message(of: connection, libpq: libpq), sqlState: nil, host: host)
        }
        var received: [Notification] = []
        while let notification = libpq.notifies(connection) {
            received.append(
                Notification(
                    channel: String(cString: notification.pointee.relname), payload: String(cString: notification.pointee.extra),
                    processID: notification.pointee.be_pid))
            libpq.freemem(notification)
        }
        return received
    }

    // MARK: Transactions

    /// How a transaction sees others' commits.
    public enum Isolation: String, Sendable {
        /// Each statement sees what was committed before it began.
        case readCommitted = "READ COMMITTED"
        /// Every statement sees what was committed before the first began: one snapshot.
        case repeatableRead = "REPEATABLE READ"
    }

    /// Runs `body` in a transaction, committed when it says so and rolled back when it says
    /// not to or throws.
    public func transaction<T>(_ isolation: Isolation, readOnly: Bool = false, _ body: () throws -> (T, commit: Bool)) throws -> T {
        try begin(isolation, readOnly: readOnly)
        let outcome: (value: T, commit: Bool)
        do {
            outcome = try body()
        } catch {
            rollBackQuietly()
            throw error
        }
        if outcome.commit { try commit() } else { try execute("ROLLBACK") }
        return outcome.value
    }

    public func begin(_ isolation: Isolation, readOnly: Bool = false) throws {
        try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
    }

    /// Commits the open transaction. A transaction that a failed statement aborted would
    /// answer COMMIT with a rollback and no error: that is an error here.
    public func commit() throws {
        guard libpq.transactionStatus(connection) != PQTRANS_INERROR else {
            rollBackQuietly()
            throw PostgreSQLError(message: "the transaction was aborted by an earlier error", sqlState: "25P02", host: host)
        }
        try execute("COMMIT")
    }

    /// Ends the open transaction, if any, keeping the error that led here rather than one
    /// the rollback might meet (a lost connection).
    private func rollBackQuietly() {
        if isInTransaction { libpq.clear(libpq.exec(connection, "ROLLBACK")) }
    }

    // MARK: Errors

    /// libpq's last message about `connection`, on one line.
    fileprivate static func message(of connection: OpaquePointer, libpq: LibPQ) -> String {
        PostgreSQLError.oneLine(libpq.errorMessage(connection).map { String(cString: $0) } ?? "")
    }

    /// `result` as a `QueryResult` if the statement succeeded; the server's error otherwise.
    private func checked(_ result: OpaquePointer?) throws -> QueryResult {
        guard let result else {
            throw PostgreSQLError(message: Self.message(of: connection, libpq: libpq), sqlState: nil, host: host)
        }
        switch libpq.resultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return QueryResult(result, libpq: libpq)
        default:
            let error = PostgreSQLError(result: result, connection: connection, host: host, libpq: libpq)
            libpq.clear(result)
            throw error
        }
    }
}

extension PostgreSQLError {
    /// The server's message (with its detail and hint, when it gave them) and SQLSTATE; or,
    /// when no server answered, libpq's message about the connection.
    init(result: OpaquePointer, connection: OpaquePointer, host: String, libpq: LibPQ) {
        func field(_ code: UInt8) -> String? {
            libpq.resultErrorField(result, Int32(code)).map { String(cString: $0) }
        }
        let parts = [field(UInt8(ascii: "M")), field(UInt8(ascii: "D")), field(UInt8(ascii: "H"))].compactMap { $0 }
        let message = parts.isEmpty ? PostgreSQLConnection.message(of: connection, libpq: libpq) : parts.joined(separator: "; ")
        self.init(message: Self.oneLine(message), sqlState: field(UInt8(ascii: "C")), host: host)
    }
}

/// `strings` as the array of C strings libpq's keyword and value lists are, ended by NULL.
private func withCStrings<T>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
    let copies = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    return body(copies.map { UnsafePointer($0) } + [nil])
}
