/// The checks the write functions make with `ServerPolicy`'s functions: who may append a
/// revision and in whose name, what its changes may touch, and whose candidate rows a role
/// may write. A superuser, who could write the tables anyway, is not checked (maintenance,
/// tests). Refusals are SQLSTATE 42501, as PostgreSQL's own.
enum PublishChecks {
    /// The privileges each revision being appended is checked against, set when it begins
    /// and gone when it finishes (or its transaction rolls back): read from the records as
    /// published before the revision, not as its own first changes left them.
    static let create = """
        CREATE TABLE dashell.publishing (revision integer PRIMARY KEY, privileges text[] NOT NULL);
        """

    static let functions = """
        CREATE OR REPLACE FUNCTION dashell.is_superuser() RETURNS boolean
            LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
            AS $$ SELECT rolsuper FROM pg_roles WHERE rolname = session_user $$;

        CREATE OR REPLACE FUNCTION dashell.refuse(message text) RETURNS void
            LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
            AS $$ BEGIN RAISE EXCEPTION 'permission denied: %', message USING ERRCODE = 'insufficient_privilege'; END $$;

        -- Who may append revision `new_revision` as by `author` from `origin`: the author
        -- themselves, or for `request N` another role approving that open request of
        -- theirs; the one connected needs the privilege to publish, and outside a request
        -- no approval may be required. Records the author's privileges for the changes.
        CREATE OR REPLACE FUNCTION dashell.check_publisher(new_revision integer, author text, origin text)
            RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                is_super boolean := dashell.is_superuser();
                publisher text[];
                request_id integer;
            BEGIN
                IF is_super THEN
                    publisher := ARRAY['*'];
                ELSE
                    IF origin ~ '^request [0-9]+$' THEN
                        request_id := substr(origin, 9)::integer;
                        IF NOT EXISTS (
                            SELECT FROM dashell.change_request
                            WHERE id = request_id AND state = 'open' AND change_request.author = check_publisher.author
                                AND change_request.author <> session_user)
                        THEN
                            PERFORM dashell.refuse(format('%s may not publish request %s as by %s', session_user, request_id, author));
                        END IF;
                    ELSIF author <> session_user THEN
                        PERFORM dashell.refuse(format('%s may not publish as %s', session_user, author));
                    END IF;
                    publisher := dashell.policy_privileges(session_user);
                    IF NOT publisher && ARRAY['*', 'publish'] THEN
                        PERFORM dashell.refuse(format('needs the privilege publish (%s)', session_user));
                    END IF;
                    IF request_id IS NULL AND dashell.policy_requires_approval() THEN
                        PERFORM dashell.refuse('require-approval is set: publish through a change request');
                    END IF;
                END IF;
                -- Outside a request the author is the publisher, whose privileges are read.
                INSERT INTO dashell.publishing VALUES (
                    new_revision, CASE WHEN author = session_user OR is_super THEN publisher ELSE dashell.policy_privileges(author) END);
            END $$;

        -- Refuses a batch of changes the revision's author may not make.
        CREATE OR REPLACE FUNCTION dashell.check_changes(appended integer, keys text[], olds text[], news text[])
            RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                allowed text[];
                refusal text;
            BEGIN
                SELECT privileges INTO allowed FROM dashell.publishing WHERE revision = appended;
                IF allowed @> ARRAY['*'] THEN
                    RETURN;
                END IF;
                refusal := dashell.policy_refusal(allowed, keys, olds, news);
                IF refusal IS NOT NULL THEN
                    PERFORM dashell.refuse(refusal);
                END IF;
            END $$;

        -- Whose candidate rows the role connected may write: its own; and a request's, as the
        -- request's author (submitting it, or taking its changes back once it was rejected)
        -- or with the privilege to publish (approving it).
        CREATE OR REPLACE FUNCTION dashell.check_candidate_owner(owner_name text)
            RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                IF owner_name = session_user OR dashell.is_superuser() THEN
                    RETURN;
                END IF;
                IF owner_name ~ '^\\x01request [0-9]+$' AND (
                    EXISTS (SELECT FROM dashell.change_request WHERE id = substr(owner_name, 10)::integer AND author = session_user)
                    OR dashell.policy_privileges(session_user) && ARRAY['*', 'publish'])
                THEN
                    RETURN;
                END IF;
                PERFORM dashell.refuse(format('%s may not write the candidate of %s', session_user, owner_name));
            END $$;
        """
}
