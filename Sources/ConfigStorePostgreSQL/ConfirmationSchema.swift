import ConfigStore

/// The table of confirmed publishes awaiting `confirm` (see `PendingConfirmation`), one row
/// per administrator, and the server functions that alone write it. The deadline is the
/// server's clock's: the functions judge it, so that no client's clock, nor a client that
/// lies, decides whether a revert is due. Part of format version 2.
///
/// Whoever triggers a revert late publishes under another administrator's name, so the
/// server holds them to that revert alone: a revision with source `auto-revert` is begun
/// only by `append_revert` (a trigger refuses any other), only while a confirmation is due,
/// under its administrator; and every change appended to it must undo one of the confirmed
/// revision's (back to what it was before, unless a later revision changed that record too,
/// where the client merged).
enum ConfirmationSchema {
    static let tables = """
        CREATE TABLE dashell.confirmation (
            user_name text PRIMARY KEY, revision integer NOT NULL, deadline timestamptz NOT NULL,
            restores integer NOT NULL, failure text);
        -- Every command asks for the soonest deadline still to revert: one step of this index.
        CREATE INDEX confirmation_due ON dashell.confirmation (deadline) WHERE failure IS NULL;
        -- Which revision each auto-revert undoes, for the check of its changes.
        CREATE TABLE dashell.auto_revert (revision integer PRIMARY KEY, reverts integer NOT NULL);
        """

    /// The functions administrators may call, by signature, for the grants.
    static let granted = [
        "dashell.record_confirmation(integer, text, integer, double precision)",
        "dashell.append_revert(integer, text, text)",
        "dashell.clear_confirmation(text)",
        "dashell.settle_confirmation(text, integer, text)",
    ]

    /// What a row reads as: revision, user, deadline in seconds since 1970, restores, failure.
    static let columns = "revision, user_name, extract(epoch FROM deadline)::float8, restores, failure"

    static let functions = """
        -- Begins the revert of `owner_name`'s confirmed publish as the next revision, recorded
        -- under them with source \(PendingConfirmation.revertSource), once it is due: as
        -- append_revision does any other.
        CREATE OR REPLACE FUNCTION dashell.append_revert(new_revision integer, owner_name text, note text)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                head_revision integer;
                reverted integer;
            BEGIN
                SELECT c.revision INTO reverted FROM dashell.confirmation c
                    WHERE c.user_name = owner_name AND c.failure IS NULL AND c.deadline <= clock_timestamp();
                IF reverted IS NULL THEN
                    RAISE EXCEPTION 'no publish by % is due to be reverted', owner_name;
                END IF;
                SELECT revision INTO head_revision FROM dashell.head FOR UPDATE;
                IF new_revision <> head_revision + 1 THEN
                    RAISE EXCEPTION 'revision % does not follow the head revision %', new_revision, head_revision;
                END IF;
                INSERT INTO dashell.auto_revert (revision, reverts) VALUES (new_revision, reverted);
                -- Not subject to anyone's privileges: it restores what was published before,
                -- and check_auto_revert holds each change to that.
                INSERT INTO dashell.publishing VALUES (new_revision, ARRAY['*']);
                INSERT INTO dashell.revision (id, user_name, time, source, comment, changes)
                    VALUES (new_revision, owner_name, clock_timestamp(), '\(PendingConfirmation.revertSource)', note, 0);
                UPDATE dashell.head SET revision = new_revision;
            END $$;

        -- Refuses a revision with source \(PendingConfirmation.revertSource) that append_revert
        -- did not begin (append_revision takes any source it is given).
        CREATE OR REPLACE FUNCTION dashell.check_revert_source() RETURNS trigger
            LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                IF NEW.source = '\(PendingConfirmation.revertSource)'
                    AND NOT EXISTS (SELECT FROM dashell.auto_revert a WHERE a.revision = NEW.id)
                THEN
                    RAISE EXCEPTION 'an auto-revert is begun by append_revert';
                END IF;
                RETURN NEW;
            END $$;
        CREATE OR REPLACE TRIGGER auto_revert_source BEFORE INSERT ON dashell.revision
            FOR EACH ROW EXECUTE FUNCTION dashell.check_revert_source();

        -- Refuses a change to an auto-revert that does not undo the reverted revision's
        -- change of the same record: every batch append_changes writes passes here.
        CREATE OR REPLACE FUNCTION dashell.check_auto_revert() RETURNS trigger
            LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                reverted integer;
            BEGIN
                SELECT a.reverts INTO reverted FROM dashell.auto_revert a WHERE a.revision = (SELECT i.revision FROM appended i LIMIT 1);
                IF reverted IS NOT NULL AND EXISTS (
                    SELECT FROM appended c WHERE NOT EXISTS (
                        SELECT FROM dashell.change o
                        WHERE o.revision = reverted AND o.key = c.key
                            AND (c.new IS NOT DISTINCT FROM o.old OR EXISTS (
                                SELECT FROM dashell.change l WHERE l.revision > reverted AND l.revision < c.revision AND l.key = c.key))))
                THEN
                    RAISE EXCEPTION 'an auto-revert may only undo revision %', reverted;
                END IF;
                RETURN NULL;
            END $$;
        CREATE OR REPLACE TRIGGER auto_revert_changes AFTER INSERT ON dashell.change
            REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION dashell.check_auto_revert();

        -- Records that the revision this transaction appends, by `owner_name`, reverts unless
        -- confirmed within `seconds`; replaces the owner's confirmation before.
        CREATE OR REPLACE FUNCTION dashell.record_confirmation(confirmed integer, owner_name text, restored integer, seconds double precision)
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
        CREATE OR REPLACE FUNCTION dashell.clear_confirmation(owner_name text)
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
        CREATE OR REPLACE FUNCTION dashell.settle_confirmation(owner_name text, confirmed integer, reason text)
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
}
