/// The table of confirmed publishes awaiting `confirm` (see `PendingConfirmation`), one row
/// per administrator, and the server functions that alone write it. The deadline is the
/// server's clock's: the functions judge it, so that no client's clock, nor a client that
/// lies, decides whether a revert is due. Part of format version 2.
enum ConfirmationSchema {
    static let tables = """
        CREATE TABLE dashell.confirmation (
            user_name text PRIMARY KEY, revision integer NOT NULL, deadline timestamptz NOT NULL,
            restores integer NOT NULL, failure text);
        -- Every command asks for the soonest deadline still to revert: one step of this index.
        CREATE INDEX confirmation_due ON dashell.confirmation (deadline) WHERE failure IS NULL;
        """

    /// The functions administrators may call, by signature, for the grants.
    static let granted = [
        "dashell.record_confirmation(integer, text, integer, double precision)",
        "dashell.clear_confirmation(text)",
        "dashell.settle_confirmation(text, integer, text)",
    ]

    /// What a row reads as: revision, user, deadline in seconds since 1970, restores, failure.
    static let columns = "revision, user_name, extract(epoch FROM deadline)::float8, restores, failure"

    static let functions = """
        -- Records that the revision this transaction appends, by `owner_name`, reverts unless
        -- confirmed within `seconds`; replaces the owner's confirmation before.
        CREATE FUNCTION dashell.record_confirmation(confirmed integer, owner_name text, restored integer, seconds double precision)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM dashell.require_appending(confirmed);
                IF NOT EXISTS (SELECT FROM dashell.revision WHERE id = confirmed AND user_name = owner_name) THEN
                    RAISE EXCEPTION 'revision % is not published by %', confirmed, owner_name;
                END IF;
                INSERT INTO dashell.confirmation (user_name, revision, deadline, restores, failure)
                    VALUES (owner_name, confirmed, clock_timestamp() + seconds * interval '1 second', restored, NULL)
                    ON CONFLICT (user_name) DO UPDATE
                    SET revision = excluded.revision, deadline = excluded.deadline, restores = excluded.restores, failure = NULL;
            END $$;

        -- `confirm`, or another publish by the same administrator: forgets the owner's
        -- confirmation unless it is overdue (the revert's to settle), and returns it.
        CREATE FUNCTION dashell.clear_confirmation(owner_name text)
            RETURNS TABLE (revision integer, user_name text, deadline float8, restores integer, failure text)
            LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
                DELETE FROM dashell.confirmation c
                WHERE c.user_name = owner_name AND (c.failure IS NOT NULL OR c.deadline > clock_timestamp())
                RETURNING c.revision, c.user_name, extract(epoch FROM c.deadline)::float8, c.restores, c.failure
            $$;

        -- Settles an overdue confirmation once its revert was tried, by whoever tried it:
        -- forgotten (`reason` NULL: reverted), or kept with the reason the revert failed.
        -- Refused before the server's clock reaches the deadline.
        CREATE FUNCTION dashell.settle_confirmation(owner_name text, confirmed integer, reason text)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                IF NOT EXISTS (
                    SELECT FROM dashell.confirmation c
                    WHERE c.user_name = owner_name AND c.revision = confirmed AND c.failure IS NULL
                        AND c.deadline <= clock_timestamp())
                THEN
                    RAISE EXCEPTION 'the confirmation of revision % by % is not due', confirmed, owner_name;
                END IF;
                IF reason IS NULL THEN
                    DELETE FROM dashell.confirmation WHERE user_name = owner_name;
                ELSE
                    UPDATE dashell.confirmation SET failure = reason WHERE user_name = owner_name;
                END IF;
            END $$;
        """

    /// Lets administrators call the functions above; after `AdministratorRole.grants`, which
    /// takes every function from PUBLIC.
    static let grants = """
        GRANT EXECUTE ON FUNCTION \(granted.joined(separator: ", ")) TO \(AdministratorRole.name);
        """
}
