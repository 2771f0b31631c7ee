import ConfigStore
import PostgreSQLClient

/// The `dashell` schema's tables, as one SQL script that `store init` runs.
///
/// They mirror the SQLite store's: a record per list entry or container (its leaves encoded
/// whole, see `Record.encoded`), the change log, the revisions, the reference index and the
/// persisted candidates. No foreign keys: the functions that alone write the tables keep
/// them consistent, and a bulk publish would check one per row. Keys are `text COLLATE "C"`, which orders by bytes as SQLite's
/// BINARY collation and `RecordKey` do, so that a subtree is one range of keys here too.
enum StoreSchema {
    /// The format this dashell reads and writes; a store of a newer one is refused, and one
    /// of an older one too, until its owner runs `store init`, which upgrades it (`steps`).
    static let formatVersion = 2

    /// What each format after the first adds: tables, made before the functions, and
    /// triggers, made once the functions they call exist. The functions themselves are all
    /// defined again by every init that creates or upgrades (`CREATE OR REPLACE`).
    struct Step {
        let version: Int
        let tables: String
        let triggers: String
    }

    static let steps = [
        // Format 2 (SPEC v2): what administrators, change requests and the audit trail keep.
        Step(
            version: 2, tables: AuditSchema.tables + RequestTable.create + PublishChecks.create + ConfirmationSchema.tables,
            triggers: AuditSchema.triggers)
    ]

    /// Every function's definition, for every init that creates or upgrades.
    static let functions = WriteFunctions.definitions + AuditSchema.functions

    /// The SQL that brings a store of format `version` (0: none yet) to `formatVersion`,
    /// with `policy`'s functions.
    static func upgrade(from version: Int, policy: ServerPolicy) -> String {
        let steps = Self.steps.filter { $0.version > version }
        return (version == 0 ? tables : "") + steps.map(\.tables).joined() + functions + policy.functions + steps.map(\.triggers).joined()
            + AdministratorRole.grants + "UPDATE dashell.format SET version = \(formatVersion);"
    }

    /// The format version of the store in `connection`'s database; nil when the database
    /// has no dashell schema.
    static func formatVersion(_ connection: PostgreSQLConnection, location: String) throws -> Int? {
        do {
            guard let version = try connection.query("SELECT version FROM dashell.format").first?.integer(0) else {
                throw StoreError.failed(path: location, reason: "the dashell schema has no format version")
            }
            return version
        } catch let error as PostgreSQLError where error.sqlState == "3F000" || error.sqlState == "42P01" {
            return nil
        } catch let error as PostgreSQLError where error.sqlState == "42501" {
            let reason = "\(error.message); is the role \(connection.user) a member of \(AdministratorRole.name)?"
            throw StoreError.failed(path: location, reason: reason)
        }
    }

    /// Format 1's tables.
    static let tables = """
        CREATE SCHEMA dashell;
        -- One row: the store's format version, checked by every dashell that opens it.
        CREATE TABLE dashell.format (version integer NOT NULL);
        INSERT INTO dashell.format VALUES (1);
        -- One row: the newest revision. Every write that reads locks it first, so that
        -- publishers queue on it and the head cannot move under a transaction.
        CREATE TABLE dashell.head (revision integer NOT NULL);
        INSERT INTO dashell.head VALUES (0);
        -- The published configuration, one row per record.
        CREATE TABLE dashell.record (key text COLLATE "C" PRIMARY KEY, leaves text NOT NULL);
        -- Reverse index of references in the published configuration: who names `target`.
        CREATE TABLE dashell.reference (
            target text COLLATE "C" NOT NULL, source text COLLATE "C" NOT NULL, leaf text COLLATE "C" NOT NULL,
            PRIMARY KEY (target, source, leaf));
        CREATE INDEX reference_source ON dashell.reference (source);
        CREATE TABLE dashell.revision (
            id integer PRIMARY KEY, user_name text NOT NULL, time timestamptz NOT NULL, source text NOT NULL,
            comment text, changes integer NOT NULL);
        -- Each revision as the records it changed; NULL is "absent".
        CREATE TABLE dashell.change (
            revision integer NOT NULL, key text COLLATE "C" NOT NULL, old text, new text,
            PRIMARY KEY (revision, key));
        CREATE TABLE dashell.candidate (user_name text PRIMARY KEY, base integer NOT NULL);
        -- A candidate's edits: each touched record as first seen (`base`) and as edited (`new`).
        CREATE TABLE dashell.candidate_record (
            user_name text NOT NULL, key text COLLATE "C" NOT NULL,
            base text, new text,
            PRIMARY KEY (user_name, key));
        """
}
