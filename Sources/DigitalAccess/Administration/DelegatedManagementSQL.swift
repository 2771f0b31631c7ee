import ConfigModel

/// SPEC §11's table in SQL, for a PostgreSQL server to enforce (the three functions
/// `ConfigStorePostgreSQL.ServerPolicy` describes): the same decisions as
/// `DelegatedManagement`, over the records as the server stores them (keys are the path's
/// words joined by U+001F; a record's leaves are `name US value RS`, see `Record.encoded`).
public enum DelegatedManagementSQL {
    /// A key's SQL text: its words joined by `chr(31)`.
    private static func key(_ words: [String]) -> String {
        words.map { "'\($0)'" }.joined(separator: " || chr(31) || ")
    }

    private static let management = key(Array(Places.administrators.dropLast()))
    private static let accounts = key([Places.users[0]])
    private static let users = key(Places.users)
    private static let superAdministrator = PredefinedRoles.superAdministrator
    private static let helpDesk = PredefinedRoles.helpDesk

    public static let functions = """
        -- The value of leaf `name` in an encoded record, NULL when unset.
        CREATE OR REPLACE FUNCTION dashell.leaf_value(leaves text, name text) RETURNS text
            LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp
            AS $$ SELECT split_part(p, chr(31), 2) FROM unnest(string_to_array(leaves, chr(30))) AS p WHERE split_part(p, chr(31), 1) = name LIMIT 1 $$;

        -- What `who` may do: {*} while nobody is an administrator, and for a super
        -- administrator; none for someone who is not one; else their role's privileges (the
        -- predefined roles are not stored: V13 keeps them as defined).
        CREATE OR REPLACE FUNCTION dashell.policy_privileges(who text) RETURNS text[]
            LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                prefix text := \(management) || chr(31);
                role_name text;
            BEGIN
                IF NOT EXISTS (SELECT FROM dashell.record WHERE key >= prefix || 'administrator' || chr(31) AND key < prefix || 'administrator' || chr(32)) THEN
                    RETURN ARRAY['*'];
                END IF;
                SELECT dashell.leaf_value(leaves, 'role') INTO role_name FROM dashell.record WHERE key = prefix || 'administrator' || chr(31) || who;
                IF NOT FOUND OR role_name IS NULL THEN
                    RETURN ARRAY[]::text[];
                ELSIF role_name = '\(superAdministrator)' THEN
                    RETURN ARRAY['*'];
                ELSIF role_name = '\(helpDesk)' THEN
                    RETURN ARRAY['\(Privilege.helpDeskAdministration.rawValue)'];
                END IF;
                prefix := prefix || 'role' || chr(31) || role_name || chr(31) || 'privilege' || chr(31);
                RETURN ARRAY(SELECT substr(key, length(prefix) + 1) FROM dashell.record WHERE key > prefix AND key < left(prefix, -1) || chr(32));
            END $$;

        -- Why `privileges` do not allow one of the record changes, naming the first refused;
        -- NULL when they allow them all.
        CREATE OR REPLACE FUNCTION dashell.policy_refusal(privileges text[], keys text[], olds text[], news text[]) RETURNS text
            LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                accounts text := \(accounts);
                users text := \(users) || chr(31);
                refused text;
            BEGIN
                IF privileges @> ARRAY['*'] THEN
                    RETURN NULL;
                END IF;
                SELECT c.key INTO refused FROM unnest(keys) AS c(key)
                    WHERE c.key <> accounts AND NOT (c.key > accounts || chr(31) AND c.key < accounts || chr(32)) LIMIT 1;
                IF FOUND THEN
                    RETURN format('%s: needs the role \(superAdministrator)', replace(refused, chr(31), ' '));
                END IF;
                IF privileges @> ARRAY['\(Privilege.userAccountManagement.rawValue)'] THEN
                    RETURN NULL;
                END IF;
                SELECT c.key INTO refused FROM unnest(keys, olds, news) AS c(key, old, new)
                    WHERE NOT (
                        privileges @> ARRAY['\(Privilege.helpDeskAdministration.rawValue)'] AND c.old IS NOT NULL AND c.new IS NOT NULL
                        AND c.key > users AND c.key < left(users, -1) || chr(32) AND strpos(substr(c.key, length(users) + 1), chr(31)) = 0)
                    LIMIT 1;
                IF FOUND THEN
                    RETURN format('%s: needs the privilege \(Privilege.userAccountManagement.rawValue)', replace(refused, chr(31), ' '));
                END IF;
                RETURN NULL;
            END $$;

        CREATE OR REPLACE FUNCTION dashell.policy_requires_approval() RETURNS boolean
            LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
            AS $$ SELECT coalesce((SELECT dashell.leaf_value(leaves, 'require-approval') = 'true' FROM dashell.record WHERE key = \(management)), false) $$;
        """
}
