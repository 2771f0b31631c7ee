import ConfigStore
import PostgreSQLClient

extension PostgreSQLStorage {
    /// `store init` on a store of an older format: brings it to this dashell's format, one
    /// version at a time (`StoreSchema.upgrades`), and returns the version it found; nil
    /// when the store needed nothing. Needs the rights `initialize` needs, which
    /// administrators' roles lack: until then they are refused the store (`checkFormat`).
    public static func upgrade(_ server: ServerLocation) throws -> Int? {
        let connection = try connect(server)
        let location = server.description
        do {
            return try connection.transaction(.readCommitted) {
                try connection.query("SELECT pg_advisory_xact_lock(hashtext('dashell store init'))")
                guard let found = try StoreSchema.formatVersion(connection, location: location), found < StoreSchema.formatVersion else {
                    return (nil, commit: false)
                }
                for version in found..<StoreSchema.formatVersion {
                    guard let upgrade = StoreSchema.upgrades[version] else {
                        throw StoreError.failed(path: location, reason: "no upgrade from format version \(version); use the dashell that made the store")
                    }
                    try connection.execute(upgrade + "UPDATE dashell.format SET version = \(version + 1);")
                }
                return (found, commit: true)
            }
        } catch let error as PostgreSQLError where error.sqlState == "42501" {
            let reason = "\(error.message); upgrading the store needs the database's owner, or a superuser"
            throw StoreError.failed(path: location, reason: reason)
        } catch let error as PostgreSQLError {
            throw storeError(error, location: location, connection: connection)
        }
    }
}
