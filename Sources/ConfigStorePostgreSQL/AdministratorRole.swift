/// The group role of dashell's administrators, `dashell_admin`: each administrator connects
/// as a login role of their own that is a member of it (`CREATE ROLE alice LOGIN IN ROLE
/// dashell_admin`). It may read the whole store and call the write functions, and nothing
/// more: no table grants INSERT, UPDATE or DELETE to it (see `WriteFunctions`).
enum AdministratorRole {
    static let name = "dashell_admin"

    /// Creates the role unless it exists (roles are the cluster's: another database's
    /// `store init` may have made it, and then reusing it needs no right to create roles)
    /// and grants it what administrators may do.
    static let grants = """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(name)') THEN
                CREATE ROLE \(name) NOLOGIN;
            END IF;
        EXCEPTION WHEN duplicate_object THEN
            NULL;  -- made meanwhile, by an init in another database
        END $$;
        GRANT USAGE ON SCHEMA dashell TO \(name);
        GRANT SELECT ON ALL TABLES IN SCHEMA dashell TO \(name);
        REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA dashell FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION \((WriteFunctions.granted + AuditSchema.granted).joined(separator: ", ")) TO \(name);
        """
}
