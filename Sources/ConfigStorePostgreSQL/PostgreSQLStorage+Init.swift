import ConfigStore
import PostgreSQLClient

extension PostgreSQLStorage {
    /// `store init`: creates the dashell schema, its functions and the administrators'
    /// role in the database at `server`, unless a store is there already; returns whether
    /// it created one. Needs a role that may create objects and roles there (the database's
    /// owner with CREATEROLE, or a superuser); the objects are that role's, and the write
    /// functions run with its rights.
    public static func initialize(_ server: ServerLocation) throws -> Bool {
        let connection = try connect(server)
        let location = server.description
        do {
            let encoding = connection.parameterStatus("server_encoding") ?? "unknown"
            guard encoding == "UTF8" else {
                throw StoreError.failed(
                    path: location, reason: "the database's encoding is \(encoding); dashell needs a UTF8 database (CREATE DATABASE … ENCODING 'UTF8')")
            }
            return try connection.transaction(.readCommitted) {
                // Two inits of one database at once: the second waits, then finds the store.
                try connection.query("SELECT pg_advisory_xact_lock(hashtext('dashell store init'))")
                if try connection.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'dashell'").first?.integer(0) != 0 {
                    let version = try StoreSchema.formatVersion(connection, location: location) ?? 0
                    if version > StoreSchema.formatVersion {
                        throw StoreError.formatTooNew(path: location, version: version, supported: StoreSchema.formatVersion)
                    }
                    return (false, commit: false)
                }
                try connection.execute(
                    StoreSchema.tables + ConfirmationSchema.tables + WriteFunctions.definitions + ConfirmationSchema.functions
                        + AdministratorRole.grants + ConfirmationSchema.grants)
                return (true, commit: true)
            }
        } catch let error as PostgreSQLError where error.sqlState == "42501" {
            let reason = "\(error.message); store init needs the database's owner with CREATEROLE, or a superuser"
            throw StoreError.failed(path: location, reason: reason)
        } catch let error as PostgreSQLError {
            throw storeError(error, location: location, connection: connection)
        }
    }
}
