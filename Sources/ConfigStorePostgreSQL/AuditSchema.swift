/// The audit trail on PostgreSQL (SPEC §12), added by format 2: the table, the function
/// that alone appends to it, and what keeps it append-only.
///
/// * Only the schema's owner can write the table: administrators (`dashell_admin`) may read
///   it and call `append_audit`, a SECURITY DEFINER function that numbers, times and chains
///   the record itself, with the identity the server authenticated (`session_user`), so
///   that a client can neither forge who nor when, nor break the chain.
/// * A trigger refuses UPDATE, DELETE and TRUNCATE, even by the owner: changing a record
///   takes disabling it first (`ALTER TABLE … DISABLE TRIGGER`), on purpose.
/// * A deferred constraint trigger refuses to commit a revision without an audit record:
///   a client that publishes through the functions but skips the record is refused.
/// * Appends queue on the head row, as publishers do (a publish holds it already), so
///   that concurrent appends keep one chain.
///
/// The hash is computed here, with PostgreSQL's `sha256()`, over exactly the canonical
/// text `AuditRecord.canonicalText` defines, which `audit verify` computes again in Swift:
/// byte lengths are `octet_length` of the UTF8 database's text, numbers their decimal text,
/// times whole microseconds since 1970 (`bigint`, exact, as SQLite keeps them).
enum AuditSchema {
    /// Created by format 2, before the functions.
    static let tables = """
        CREATE TABLE dashell.audit (
            sequence bigint PRIMARY KEY, time bigint NOT NULL, user_name text NOT NULL, login text, host text NOT NULL,
            source text NOT NULL, session_began bigint NOT NULL, action text NOT NULL, revision integer, request integer,
            outcome text NOT NULL, detail text, digest text, previous text, hash text NOT NULL);
        COMMENT ON TABLE dashell.audit IS 'dashell''s audit trail: append-only, hash-chained; times in microseconds since 1970, UTC';
        CREATE INDEX audit_revision ON dashell.audit (revision);
        """

    /// Created by format 2, once the functions they call exist.
    static let triggers = """
        CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON dashell.audit
            FOR EACH STATEMENT EXECUTE FUNCTION dashell.refuse_audit_change();
        CREATE CONSTRAINT TRIGGER revision_audited AFTER INSERT ON dashell.revision
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashell.require_audited();
        """

    /// The functions administrators may call, by signature.
    static let granted = ["dashell.append_audit(text, text, text, bigint, text, integer, integer, text, text, text)"]

    static let functions = """
        -- One field of a record's canonical text: its name, then `-` or its byte length, `:`
        -- and its text, then a line feed.
        CREATE OR REPLACE FUNCTION dashell.audit_field(field_name text, field_value text) RETURNS text
            LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp
            AS $$ SELECT field_name || ' ' || coalesce(octet_length(field_value)::text || ':' || field_value, '-') || E'\\n' $$;

        -- SHA-256 of a record's canonical text, as lowercase hexadecimal.
        CREATE OR REPLACE FUNCTION dashell.audit_hash(
                r_sequence bigint, r_time bigint, r_user text, r_login text, r_host text, r_source text, r_session_began bigint,
                r_action text, r_revision integer, r_request integer, r_outcome text, r_detail text, r_digest text, r_previous text)
            RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp
            AS $$ SELECT encode(sha256(convert_to('dashell audit 1' || E'\\n'
                || dashell.audit_field('sequence', r_sequence::text) || dashell.audit_field('time', r_time::text)
                || dashell.audit_field('user', r_user) || dashell.audit_field('login', r_login)
                || dashell.audit_field('host', r_host) || dashell.audit_field('source', r_source)
                || dashell.audit_field('session-began', r_session_began::text) || dashell.audit_field('action', r_action)
                || dashell.audit_field('revision', r_revision::text) || dashell.audit_field('request', r_request::text)
                || dashell.audit_field('outcome', r_outcome) || dashell.audit_field('detail', r_detail)
                || dashell.audit_field('digest', r_digest) || dashell.audit_field('previous', r_previous), 'UTF8')), 'hex') $$;

        -- Appends a record after the last one: numbered, timed by the server's clock,
        -- signed by the role the server authenticated, chained to the last record's hash.
        CREATE OR REPLACE FUNCTION dashell.append_audit(
                login_name text, host_name text, origin text, began bigint, act text, revision_number integer, request_number integer,
                result text, note text, change_digest text)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                last_sequence bigint;
                last_hash text;
                next_sequence bigint;
                stamp bigint := (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;
            BEGIN
                PERFORM FROM dashell.head FOR UPDATE;
                SELECT a.sequence, a.hash INTO last_sequence, last_hash FROM dashell.audit a ORDER BY a.sequence DESC LIMIT 1;
                next_sequence := coalesce(last_sequence, 0) + 1;
                INSERT INTO dashell.audit (sequence, time, user_name, login, host, source, session_began, action, revision, request,
                                           outcome, detail, digest, previous, hash)
                    VALUES (next_sequence, stamp, session_user, login_name, host_name, origin, began, act, revision_number,
                            request_number, result, note, change_digest, last_hash,
                            dashell.audit_hash(next_sequence, stamp, session_user, login_name, host_name, origin, began, act,
                                               revision_number, request_number, result, note, change_digest, last_hash));
            END $$;

        CREATE OR REPLACE FUNCTION dashell.refuse_audit_change() RETURNS trigger
            LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$;

        -- At commit: the revision a transaction appended has its audit record.
        CREATE OR REPLACE FUNCTION dashell.require_audited() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                IF NOT EXISTS (SELECT FROM dashell.audit WHERE revision = NEW.id) THEN
                    RAISE EXCEPTION 'revision % has no audit record: every publish appends one', NEW.id;
                END IF;
                RETURN NULL;
            END $$;
        """
}
