import ConfigStore
import PostgreSQLClient

/// What `store init` did.
public enum InitOutcome: Equatable, Sendable {
    case created
    /// The store was of an older format, and is now of the current one.
    case upgraded(from: Int)
    /// A current store was there; nothing changed.
    case existing
}

extension PostgreSQLStorage {
    /// `store init`: creates the dashell schema, its functions and the administrators'
    /// role in the database at `server`, unless a store is there already; returns whether
    /// what it did (created, upgraded an older store, or nothing). Needs a role that may create objects and roles there (the database's
    /// owner with CREATEROLE, or a superuser); the objects are that role's, and the write
    /// functions run with its rights.
    public static func initialize(_ server: ServerLocation, policy: ServerPolicy = .unrestricted) throws -> InitOutcome {
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
                    guard version < StoreSchema.formatVersion else { return (.existing, commit: false) }
                    let upgrades = (version..<StoreSchema.formatVersion).map { StoreSchema.upgrades[$0]! }.joined()
                    try connection.execute(
                        upgrades + "UPDATE dashell.format SET version = \(StoreSchema.formatVersion);" + WriteFunctions.definitions
                            + policy.functions + AdministratorRole.grants)
                    return (.upgraded(from: version), commit: true)
                }
                try connection.execute(
                    StoreSchema.tables + WriteFunctions.definitions + policy.functions + AdministratorRole.grants)
                return (.created, commit: true)
            }
        } catch let error as PostgreSQLError where error.sqlState == "42501" {
            let reason = "\(error.message); store init needs the database's owner with CREATEROLE, or a superuser"
            throw StoreError.failed(path: location, reason: reason)
        } catch let error as PostgreSQLError {
            throw storeError(error, location: location, connection: connection)
        }
    }
}
