/// Who may publish what, as the server checks it (SPEC §10, §11): the privileges are the
/// product's, so the product writes them in SQL, and `store init` installs them beside the
/// write functions, which call them with their owner's rights. Three functions:
///
/// * `dashell.policy_privileges(who text) RETURNS text[]`: what `who` may do as the
///   published records say now; `{*}` for everything.
/// * `dashell.policy_refusal(privileges text[], keys text[], olds text[], news text[])
///   RETURNS text`: NULL when those privileges allow every one of the record changes, else
///   why not, naming the first record refused.
/// * `dashell.policy_requires_approval() RETURNS boolean`: whether every publish must come
///   from an approved change request.
///
/// The client checks the same before it writes (its messages are better); these make sure
/// that a modified client, or `psql`, gains nothing.
public struct ServerPolicy: Sendable {
    public let functions: String

    public init(functions: String) {
        self.functions = functions
    }

    /// Everyone may do everything: a store without a product's policy.
    public static let unrestricted = ServerPolicy(
        functions: """
            CREATE OR REPLACE FUNCTION dashell.policy_privileges(who text) RETURNS text[]
                LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$ SELECT ARRAY['*'] $$;
            CREATE OR REPLACE FUNCTION dashell.policy_refusal(privileges text[], keys text[], olds text[], news text[]) RETURNS text
                LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$ SELECT NULL::text $$;
            CREATE OR REPLACE FUNCTION dashell.policy_requires_approval() RETURNS boolean
                LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$ SELECT false $$;
            """)
}
