/// The server-side functions through which every write goes, checking with `PublishChecks`
/// who may write what. Administrators' roles may
/// read the tables but not write them (`AdministratorRole`): these functions, owned by the
/// role that ran `store init` and run with its rights (SECURITY DEFINER), are the only way
/// in, so that what they check cannot be bypassed with `psql`. Each pins `search_path` and
/// names every object with its schema, so that no object a caller creates can stand in.
///
/// Every definition is `CREATE OR REPLACE`: `store init` on a store of an older format
/// defines them all again.
///
/// Batches arrive as parallel `text[]` arrays (one element per row), `unnest`ed here: a
/// round trip per batch, not per row. Arrays carry no collation, so comparisons with keys
/// name theirs.
enum WriteFunctions {
    /// The functions administrators may call, by signature, for the grants.
    static let granted =
        [
            "dashell.lock_head()",
            "dashell.append_revision(integer, text, text, text, integer)",
            "dashell.append_changes(integer, text[], text[], text[])",
            "dashell.finish_revision(integer, integer)",
            "dashell.replace_references(integer, text[], text[], text[], text[])",
            "dashell.save_candidate(text, integer, text[], text[], text[], text[])",
            "dashell.delete_candidate(text)",
        ] + RequestTable.granted + ConfirmationSchema.granted

    /// The channel a published revision is announced on, its number the payload.
    static let revisionChannel = "dashell_revision"

    static let definitions = """
        -- Locks the head revision until the transaction ends and returns it: what a write
        -- transaction does before it reads anything, so that concurrent publishers queue.
        CREATE OR REPLACE FUNCTION dashell.lock_head() RETURNS integer
            LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$ SELECT revision FROM dashell.head FOR UPDATE $$;

        -- Appends a revision's row and makes it the head; refuses one that does not follow
        -- the head, which would fork or lose history.
        CREATE OR REPLACE FUNCTION dashell.append_revision(new_revision integer, author text, origin text, note text, change_count integer)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            DECLARE
                head_revision integer;
            BEGIN
                SELECT revision INTO head_revision FROM dashell.head FOR UPDATE;
                IF new_revision <> head_revision + 1 THEN
                    RAISE EXCEPTION 'revision % does not follow the head revision %', new_revision, head_revision;
                END IF;
                PERFORM dashell.check_publisher(new_revision, author, origin);
                INSERT INTO dashell.revision (id, user_name, time, source, comment, changes)
                    VALUES (new_revision, author, clock_timestamp(), origin, note, change_count);
                UPDATE dashell.head SET revision = new_revision;
            END $$;

        -- Refuses changes to any revision but the one this transaction is appending.
        -- Only the write functions call it, with their owner's rights; administrators may not.
        CREATE OR REPLACE FUNCTION dashell.require_appending(appended integer) RETURNS void
            LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                IF NOT EXISTS (
                    SELECT FROM dashell.revision r JOIN dashell.head h ON h.revision = r.id
                    WHERE r.id = appended AND r.xmin = pg_current_xact_id()::xid)
                THEN
                    RAISE EXCEPTION 'revision % is not being appended by this transaction', appended;
                END IF;
            END $$;

        -- A batch of the appended revision's record changes (NULL: absent): logged, and
        -- applied to the published records.
        CREATE OR REPLACE FUNCTION dashell.append_changes(appended integer, keys text[], olds text[], news text[])
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM dashell.require_appending(appended);
                PERFORM dashell.check_changes(appended, keys, olds, news);
                INSERT INTO dashell.change (revision, key, old, new)
                    SELECT appended, c.key, c.old, c.new FROM unnest(keys, olds, news) AS c(key, old, new);
                DELETE FROM dashell.record r USING unnest(keys, news) AS c(key, new)
                    WHERE c.new IS NULL AND r.key = c.key COLLATE "C";
                INSERT INTO dashell.record (key, leaves)
                    SELECT c.key, c.new FROM unnest(keys, news) AS c(key, new) WHERE c.new IS NOT NULL
                    ON CONFLICT (key) DO UPDATE SET leaves = excluded.leaves;
            END $$;

        -- Records how many leaves the appended revision changes, once its changes are in,
        -- and tells the sessions listening on \(revisionChannel) (shells, watchers) of it:
        -- the notification goes out when the transaction commits, and never if it does not.
        CREATE OR REPLACE FUNCTION dashell.finish_revision(appended integer, change_count integer)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM dashell.require_appending(appended);
                UPDATE dashell.revision SET changes = change_count WHERE id = appended;
                DELETE FROM dashell.publishing WHERE revision = appended;
                PERFORM pg_notify('\(revisionChannel)', appended::text);
            END $$;

        -- Replaces the references of the records `sources` (of the appended revision) with
        -- the given (target, referrer, leaf) rows.
        CREATE OR REPLACE FUNCTION dashell.replace_references(appended integer, sources text[], targets text[], referrers text[], leaves text[])
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM dashell.require_appending(appended);
                DELETE FROM dashell.reference r USING unnest(sources) AS s(key) WHERE r.source = s.key COLLATE "C";
                INSERT INTO dashell.reference (target, source, leaf)
                    SELECT * FROM unnest(targets, referrers, leaves) ON CONFLICT DO NOTHING;
            END $$;

        -- Stores a user's base revision and a batch of their candidate's edits; `dropped`:
        -- keys whose edit is gone.
        CREATE OR REPLACE FUNCTION dashell.save_candidate(owner_name text, base_revision integer, keys text[], bases text[], news text[], dropped text[])
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM dashell.check_candidate_owner(owner_name);
                INSERT INTO dashell.candidate (user_name, base, edited) VALUES (owner_name, base_revision, clock_timestamp())
                    ON CONFLICT (user_name) DO UPDATE SET base = excluded.base, edited = excluded.edited;
                DELETE FROM dashell.candidate_record r USING unnest(dropped) AS d(key)
                    WHERE r.user_name = owner_name AND r.key = d.key COLLATE "C";
                INSERT INTO dashell.candidate_record (user_name, key, base, new)
                    SELECT owner_name, e.key, e.base, e.new FROM unnest(keys, bases, news) AS e(key, base, new)
                    ON CONFLICT (user_name, key) DO UPDATE SET base = excluded.base, new = excluded.new;
            END $$;

        CREATE OR REPLACE FUNCTION dashell.delete_candidate(owner_name text)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$
            BEGIN
                PERFORM dashell.check_candidate_owner(owner_name);
                DELETE FROM dashell.candidate_record WHERE user_name = owner_name;
                DELETE FROM dashell.candidate WHERE user_name = owner_name;
            END $$;
        """ + RequestTable.functions + PublishChecks.functions + ConfirmationSchema.functions
}
