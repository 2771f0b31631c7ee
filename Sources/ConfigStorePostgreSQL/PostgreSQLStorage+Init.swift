import ConfigStore
import PostgreSQLClient

extension PostgreSQLStorage {
    /// `store init`: creates the dashell schema, its functions and the administrators'
    /// role in the database at `server`, or upgrades a store of an older format, and records
    /// it in the audit trail (with the role the server authenticated, and what it did), all
    /// in one transaction. Needs a role that may create objects and roles there (the
    /// database's owner with CREATEROLE, or a superuser); the objects are that role's, and
    /// the write functions run with its rights. A current store is left as it is (the
    /// record is still appended).
    public static func initialize(_ server: ServerLocation, policy: ServerPolicy = .unrestricted) throws -> StoreInitialization {
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
                var version = 0
                if try connection.query("SELECT count(*) FROM pg_namespace WHERE nspname = 'dashell'").first?.integer(0) != 0 {
                    version = try StoreSchema.formatVersion(connection, location: location) ?? 0
                    if version > StoreSchema.formatVersion {
                        throw StoreError.formatTooNew(path: location, version: version, supported: StoreSchema.formatVersion)
                    }
                }
                let result = StoreInitialization(found: version, current: StoreSchema.formatVersion)
                if version != StoreSchema.formatVersion { try connection.execute(StoreSchema.upgrade(from: version, policy: policy)) }
                let event = result.auditEvent(user: connection.user)
                try PostgreSQLAccess(connection).appendAudit(event)
                return (result, commit: true)
            }
        } catch let error as PostgreSQLError where error.sqlState == "42501" {
            let reason = "\(error.message); store init needs the database's owner with CREATEROLE, or a superuser"
            throw StoreError.failed(path: location, reason: reason)
        } catch let error as PostgreSQLError {
            throw storeError(error, location: location, connection: connection)
        }
    }
}
