/// The table of change requests (format 2), as on SQLite: a request's edits are a persisted
/// candidate (`ChangeRequest.owner`), this row says who submitted them, on which revision,
/// their digest, and how the request was closed. Written only by `open_change_request` and
/// `close_change_request` (see `WriteFunctions`), which refuse an author or approver other
/// than the role the server authenticated.
enum RequestTable {
    static let create = """
        CREATE TABLE dashell.change_request (
            id integer PRIMARY KEY, author text NOT NULL, time timestamptz NOT NULL, base integer NOT NULL,
            changes integer NOT NULL, comment text, digest text NOT NULL,
            state text NOT NULL CHECK (state IN ('open', 'approved', 'rejected')),
            closed_by text, revision integer UNIQUE);
        -- When each candidate last changed, for `status` to list who is editing.
        ALTER TABLE dashell.candidate ADD COLUMN edited timestamptz;
        """

    static let functions = """
        -- Refuses to act in the name of anyone but the role connected: what an administrator
        -- records as author or approver is who they are. A superuser, who could write the
        -- tables anyway, may name anyone (maintenance, tests).
        CREATE OR REPLACE FUNCTION dashell.require_identity(claimed text) RETURNS void
            LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                IF claimed <> session_user AND NOT dashell.is_superuser() THEN
                    PERFORM dashell.refuse(format('%s may not act as %s', session_user, claimed));
                END IF;
            END $$;

        -- Opens a request, numbered after every earlier one (the head lock serialises the
        -- numbering), and returns its number.
        CREATE OR REPLACE FUNCTION dashell.open_change_request(
            request_author text, base_revision integer, change_count integer, note text, edits_digest text)
            RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                next_id integer;
            BEGIN
                PERFORM dashell.require_identity(request_author);
                PERFORM dashell.lock_head();
                SELECT coalesce(max(id), 0) + 1 INTO next_id FROM dashell.change_request;
                INSERT INTO dashell.change_request (id, author, time, base, changes, comment, digest, state)
                    VALUES (next_id, request_author, clock_timestamp(), base_revision, change_count, note, edits_digest, 'open');
                RETURN next_id;
            END $$;

        -- Closes an open request as approved (published as `published`) or rejected; an
        -- author never approves their own.
        CREATE OR REPLACE FUNCTION dashell.close_change_request(request_id integer, new_state text, closer text, published integer)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM dashell.require_identity(closer);
                IF new_state = 'approved' AND EXISTS (SELECT FROM dashell.change_request WHERE id = request_id AND author = closer) THEN
                    PERFORM dashell.refuse(format('%s may not approve their own request %s', closer, request_id));
                END IF;
                UPDATE dashell.change_request SET state = new_state, closed_by = closer, revision = published
                    WHERE id = request_id AND state = 'open';
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'request % is not open', request_id;
                END IF;
            END $$;
        """

    static let granted = [
        "dashell.open_change_request(text, integer, integer, text, text)", "dashell.close_change_request(integer, text, text, integer)",
    ]
}
