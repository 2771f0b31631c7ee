import ConfigStore
import PostgreSQLClient

/// The revisions published in a PostgreSQL store, as the server announces them:
/// `finish_revision` notifies `WriteFunctions.revisionChannel` when a publish commits.
///
/// It listens on a connection of its own. On the storage's connection, a notification that
/// arrived while a query ran would be read with the query's answer and wait in libpq, with
/// nothing left on the socket to wake a `poll`; here no query ever runs after `LISTEN`.
final class RevisionListener: RevisionSignal {
    private let connection: PostgreSQLConnection
    private let location: String

    init(_ server: ServerLocation) throws {
        location = server.description
        connection = try PostgreSQLStorage.connect(server)
        do {
            try connection.execute("LISTEN \(WriteFunctions.revisionChannel)")
        } catch let error as PostgreSQLError {
            throw PostgreSQLStorage.storeError(error, location: location, connection: connection)
        }
    }

    var fileDescriptor: Int32 { connection.socket }

    /// A connection closed by the server also makes the socket readable: that is an error,
    /// or a waiter would wake for ever.
    func drain() throws -> Bool {
        do {
            let received = try connection.notifications()
            guard connection.isConnected else { throw StoreError.unreachable(location: location, reason: "the connection was closed") }
            return !received.isEmpty
        } catch let error as PostgreSQLError {
            throw StoreError.unreachable(location: location, reason: error.message)
        }
    }
}
