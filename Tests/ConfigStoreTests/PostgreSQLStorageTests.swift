import ConfigModel
import DigitalAccess
import Dispatch
import Foundation
import PostgreSQLClient
import PostgreSQLTesting
import Synchronization
import Testing

@testable import ConfigStore
@testable import ConfigStorePostgreSQL

/// What only the PostgreSQL storage has: a store made by `store init` in a database,
/// administrators' roles that write through the server's functions alone, and publishers
/// queueing on the head revision. The behaviour every storage shares is tested on each
/// (`StorageTestCase`).
final class PostgreSQLStorageTests {
    let cluster: TestCluster
    /// A database of this test's, holding an empty store.
    let database: String

    init() throws {
        cluster = try TestCluster.shared()
        database = try cluster.createDatabase(template: try StoreFixture.template())
    }

    deinit {
        try? cluster.dropDatabase(database)
    }

    private func open(as user: String = TestCluster.superuser) throws -> RevisionedStore {
        try Self.open(cluster.uri(database: database, user: user))
    }

    private static func open(_ uri: String) throws -> RevisionedStore {
        RevisionedStore(storage: try PostgreSQLStorage(ServerLocation(uri)), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
    }

    @Test func aDatabaseWithoutAStoreNamesStoreInit() throws {
        let empty = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(empty) }
        let uri = cluster.uri(database: empty)
        #expect(throws: StoreError.noStore(location: uri)) { try PostgreSQLStorage(ServerLocation(uri)) }
        #expect("\(StoreError.noStore(location: uri))".hasSuffix("create one with `dashell --store '\(uri)' store init`"))
    }

    /// Roles are the cluster's: an init in a second database reuses `dashell_admin`. A second
    /// init of the same database changes nothing.
    @Test func storeInitCreatesTheStoreOnceAndReusesTheAdministratorsRole() throws {
        let empty = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(empty) }
        let location = try ServerLocation(cluster.uri(database: empty))
        #expect(try PostgreSQLStorage.initialize(location) == .created(format: 2))
        #expect(try PostgreSQLStorage.initialize(location) == .unchanged(format: 2))
        #expect(try PostgreSQLStorage(location).latestRevision() == 0)
    }

    @Test func aStoreOfANewerFormatIsRefused() throws {
        try cluster.execute("UPDATE dashell.format SET version = 99", in: database)
        let location = try ServerLocation(cluster.uri(database: database))
        #expect(throws: StoreError.formatTooNew(path: location.description, version: 99, supported: 2)) { try PostgreSQLStorage(location) }
        #expect(throws: StoreError.formatTooNew(path: location.description, version: 99, supported: 2)) { try PostgreSQLStorage.initialize(location) }
    }

    @Test func aServerThatCannotBeReachedIsNamedWithLibpqsReason() throws {
        let uri = "postgresql:///nothing?host=\(cluster.directory)/nowhere"
        #expect {
            try PostgreSQLStorage(ServerLocation(uri))
        } throws: { error in
            guard case .unreachable(let location, let reason) = error as? StoreError else { return false }
            return location == uri && reason.contains("\(cluster.directory)/nowhere")
        }
    }

    /// libpq's defaults and environment may choose the host: the message names it anyway.
    @Test func aServerTheLocationLeavesToDefaultsIsNamedByItsHost() throws {
        let uri = "postgresql:///nothing?port=1"
        #expect {
            try PostgreSQLStorage(ServerLocation(uri))
        } throws: { error in
            guard case .unreachable(let location, let reason) = error as? StoreError else { return false }
            return location == uri && reason.hasPrefix("host /")
        }
    }

    /// A connection the server ends is reported as lost, not as a failed statement, and
    /// `reconnect` makes the store usable again.
    @Test func aLostConnectionIsUnreachableUntilConnectedAgain() throws {
        let store = try open()
        let storage = try #require(store.storage as? PostgreSQLStorage)
        #expect(try storage.latestRevision() == 0)
        try cluster.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)'")
        #expect {
            try storage.latestRevision()
        } throws: { error in
            guard case .unreachable(let location, let reason) = error as? StoreError else { return false }
            return location == storage.location && reason.contains("terminating connection")
        }
        try store.reconnect()
        #expect(try storage.latestRevision() == 0)
    }

    @Test func aPasswordInTheURIIsNeverShown() throws {
        let location = try ServerLocation("postgresql://alice:s3cret@db.example.com:5433/dashell?password=other&sslmode=require")
        #expect(location.hasPassword)
        #expect(location.description == "postgresql://alice@db.example.com:5433/dashell?sslmode=require")
        #expect(try !ServerLocation("postgresql://alice@db.example.com/dashell").hasPassword)
    }

    /// An administrator's role can read every table but write none with plain SQL: every
    /// write goes through the server's functions, which a later check inside them cannot be
    /// bypassed around. Through dashell, the same role publishes and keeps a candidate.
    @Test func anAdministratorWritesOnlyThroughTheFunctions() throws {
        let admin = try cluster.createAdministrator()
        let connection = try PostgreSQLConnection(cluster.uri(database: database, user: admin), applicationName: "test")
        let tables = try connection.query("SELECT tablename FROM pg_tables WHERE schemaname = 'dashell' ORDER BY tablename").map { $0.string(0)! }
        #expect(
            tables == [
                "audit", "auto_revert", "candidate", "candidate_record", "change", "change_request", "confirmation", "format", "head", "publishing",
                "record", "reference", "revision",
            ])
        for table in tables {
            let column = try connection.query(
                "SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'dashell' AND table_name = $1 ORDER BY ordinal_position",
                [table]
            ).first!.string(0)!
            try connection.query("SELECT * FROM dashell.\(table)")
            for statement in [
                "INSERT INTO dashell.\(table) DEFAULT VALUES", "UPDATE dashell.\(table) SET \(column) = \(column)", "DELETE FROM dashell.\(table)",
                "TRUNCATE dashell.\(table)", "SELECT * FROM dashell.\(table) FOR UPDATE",
            ] {
                let error = #expect(throws: PostgreSQLError.self) { try connection.query(statement) }
                #expect(error?.sqlState == "42501", "\(statement): \(String(describing: error))")
            }
        }
        let error = #expect(throws: PostgreSQLError.self) { try connection.query("SELECT dashell.require_appending(1)") }
        #expect(error?.sqlState == "42501")
        // Requests are opened and closed in the connected role's name only.
        for call in [
            "SELECT dashell.open_change_request('someone_else', 0, 1, NULL, 'digest')",
            "SELECT dashell.close_change_request(1, 'rejected', 'someone_else', NULL)",
        ] {
            let refused = #expect(throws: PostgreSQLError.self) { try connection.query(call) }
            #expect(refused?.sqlState == "42501", "\(call): \(String(describing: refused))")
        }

        let store = try open(as: admin)
        let candidate = try store.candidate(for: admin)
        try candidate.set([(StoreFixture.dnsName, "ag5.example.com")])
        #expect(try candidate.publishExpectingRevision(user: admin) == 1)
        try candidate.set([(StoreFixture.port, "8443")])
        #expect(try open(as: admin).candidate(for: admin).value(at: StoreFixture.port) == "8443")
        #expect(try store.published().value(at: StoreFixture.dnsName) == "ag5.example.com")
    }

    /// The server refuses a revision that does not follow the head, and changes to any
    /// revision but the one the transaction is appending, whatever the client does.
    @Test func theServerKeepsTheHistoryLinear() throws {
        let admin = try cluster.createAdministrator()
        let connection = try PostgreSQLConnection(cluster.uri(database: database, user: admin), applicationName: "test")
        let keys = TextArray(["k"]), records = TextArray(["v"])
        func inTransaction(_ sql: String, _ parameters: [any QueryParameter] = []) throws {
            try connection.transaction(.readCommitted) { (try connection.query(sql, parameters), commit: true) }
        }
        #expect(throws: PostgreSQLError.self) { try inTransaction("SELECT dashell.append_revision(2, '\(admin)', '-c', NULL, 1)") }
        #expect(throws: PostgreSQLError.self) { try inTransaction("SELECT dashell.append_changes(0, $1, $2, $2)", [keys, records]) }
        #expect(throws: PostgreSQLError.self) { try inTransaction("SELECT dashell.replace_references(0, $1, $1, $1, $1)", [keys]) }
        // A revision without its audit record is refused when the transaction commits.
        let unaudited = #expect(throws: PostgreSQLError.self) { try inTransaction("SELECT dashell.append_revision(1, '\(admin)', '-c', NULL, 0)") }
        #expect(unaudited?.message.contains("revision 1 has no audit record") == true, "\(String(describing: unaudited))")
        // A revision appended and committed is no longer open to changes.
        try inTransaction(
            "SELECT dashell.append_revision(1, '\(admin)', '-c', NULL, 0), dashell.append_audit(NULL, 'h', '-c', 0, 'publish', 1, NULL, 'published', NULL, NULL)"
        )
        #expect(throws: PostgreSQLError.self) { try inTransaction("SELECT dashell.append_changes(1, $1, $2, $2)", [keys, records]) }
        #expect(try connection.query("SELECT count(*) FROM dashell.change").first?.integer(0) == 0)
    }

    /// With the product's policy installed, the server itself refuses what an administrator's
    /// role does not allow, whatever the client: publishing without the privilege, in
    /// another's name, outside a request under require-approval, changes beyond the role,
    /// and another's candidate.
    @Test func anAdministratorCannotWriteBeyondTheirPrivilegesWithPlainSQL() throws {
        let governed = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(governed) }
        _ = try PostgreSQLStorage.initialize(
            ServerLocation(cluster.uri(database: governed)), policy: ServerPolicy(functions: DelegatedManagementSQL.functions))
        let desk = try cluster.createAdministrator(), helper = try cluster.createAdministrator()
        let owner = try Self.open(cluster.uri(database: governed)).scratchCandidate()
        let management = StoreFixture.leaf("manage-system", "delegated-management")
        var writer = owner
        for privilege in ["publish", "help-desk-administration"] {
            try writer.createEntries(along: management.appending("role", key: "desk").appending("privilege", key: privilege))
        }
        try owner.set([
            (management.appending("administrator", key: "root").appending("role"), "super-administrator"),
            (management.appending("administrator", key: desk).appending("role"), "desk"),
            (management.appending("administrator", key: helper).appending("role"), "help-desk"),
            (StoreFixture.user("u1", "email"), "u1@example.com"),
        ])
        #expect(try owner.publishExpectingRevision(user: "root") == 1)

        let us = "\u{1F}", rs = "\u{1E}"
        let user = "manage-accounts-and-storage\(us)user-accounts\(us)user\(us)u1"
        let global = "manage-system\(us)distribution-services\(us)global-settings"
        func publish(as role: String, author: String? = nil, _ key: String, old: String?, new: String?) throws {
            let connection = try PostgreSQLConnection(cluster.uri(database: governed, user: role), applicationName: "test")
            try connection.transaction(.readCommitted) {
                let head = try connection.query("SELECT dashell.lock_head()").first!.integer(0)!
                try connection.query("SELECT dashell.append_revision($1, $2, '-c', NULL, 1)", [head + 1, author ?? role])
                try connection.query("SELECT dashell.append_changes($1, $2, $3, $4)", [head + 1, TextArray([key]), TextArray([old]), TextArray([new])])
                try connection.query("SELECT dashell.finish_revision($1, 1)", [head + 1])
                try connection.query(
                    "SELECT dashell.append_audit(NULL, 'h', '-c', 0, 'publish', $1, NULL, 'published', NULL, NULL)", [head + 1])
                return ((), commit: true)
            }
        }
        func refused(_ attempt: () throws -> Void, _ comment: Comment) {
            let error = #expect(throws: PostgreSQLError.self, comment) { try attempt() }
            #expect(error?.sqlState == "42501", comment)
        }
        let email = "email\(us)u1@example.com\(rs)", changed = "email\(us)desk@example.com\(rs)"
        refused({ try publish(as: helper, user, old: email, new: changed) }, "help-desk may not publish")
        refused({ try publish(as: desk, author: helper, user, old: email, new: changed) }, "nor publish in another's name")
        refused({ try publish(as: desk, global, old: nil, new: "external-port\(us)8443\(rs)") }, "manage-system needs super-administrator")
        refused({ try publish(as: desk, "\(user)x", old: nil, new: changed) }, "creating a user needs user-account-management")
        try publish(as: desk, user, old: email, new: changed)
        #expect(try Self.open(cluster.uri(database: governed)).published().value(at: StoreFixture.user("u1", "email")) == "desk@example.com")

        let connection = try PostgreSQLConnection(cluster.uri(database: governed, user: desk), applicationName: "test")
        refused({ try connection.query("SELECT dashell.save_candidate($1, 0, '{}', '{}', '{}', '{}')", [helper]) }, "another's candidate")
        refused({ try connection.query("SELECT dashell.delete_candidate($1)", [helper]) }, "another's candidate")

        try owner.set([(management.appending("require-approval"), "true")])
        #expect(try owner.publishExpectingRevision(user: "root") == 3)
        refused({ try publish(as: desk, user, old: changed, new: email) }, "require-approval: only through a request")
    }

    /// A publish waits for the one in progress and then merges with it, as on SQLite; a
    /// candidate's save, which reads nothing, does not wait for either.
    @Test func publishersQueueOnTheHeadRevision() throws {
        // Each thread opens its own store, as another process would.
        let uri = cluster.uri(database: database)
        let aliceHoldsTheHead = DispatchSemaphore(value: 0), bobIsWaiting = DispatchSemaphore(value: 0), aliceDone = DispatchSemaphore(value: 0)
        Thread {
            try? Self.open(uri).storage.write { transaction in
                let head = try transaction.latestRevision()
                aliceHoldsTheHead.signal()
                bobIsWaiting.wait()
                let settings = RecordChange(key: RecordKey(StoreFixture.dnsName.parent), old: nil, new: Record(["external-dns-name": "ag5.example.com"]))
                let metadata = PublishMetadata(user: "alice", source: "-c", comment: nil)
                try transaction.beginRevision(head + 1, metadata: metadata)
                try transaction.appendChanges(ChangeSet([settings]), to: head + 1, references: ReferenceIndex(schema: DigitalAccessSchema.root))
                try transaction.finishRevision(head + 1, size: 1)
                try transaction.appendAudit(.published(head + 1, metadata, digest: ChangeSet([settings]).digest))
                return ((), commit: true)
            }
            aliceDone.signal()
        }.start()
        aliceHoldsTheHead.wait()

        let bobRevision = Mutex<Int?>(nil), bobDone = DispatchSemaphore(value: 0)
        Thread {
            let bob = try? Self.open(uri).candidate(for: "bob")
            try? bob?.set([(StoreFixture.port, "8443")])
            let revision = try? bob?.publishExpectingRevision(user: "bob")
            bobRevision.withLock { $0 = revision }
            bobDone.signal()
        }.start()
        try waitForALockWait()
        try open().candidate(for: "carol").set([(StoreFixture.user("carol", "email"), "carol@example.com")])
        bobIsWaiting.signal()
        aliceDone.wait()
        bobDone.wait()

        #expect(bobRevision.withLock { $0 } == 2, "bob's publish waited for alice's and merged with it")
        let store = try open()
        #expect(try store.published().value(at: StoreFixture.dnsName) == "ag5.example.com")
        #expect(try store.published().value(at: StoreFixture.port) == "8443")
        #expect(try store.history(limit: nil).map(\.user) == ["bob", "alice"])
        #expect(try store.candidate(for: "carol").value(at: StoreFixture.user("carol", "email")) == "carol@example.com")
    }

    /// Only the server writes the audit trail: an administrator's append is signed with the
    /// role the server authenticated, numbered and timed there, whatever the client says.
    @Test func theServerSignsAndChainsEachAuditRecord() throws {
        let admin = try cluster.createAdministrator()
        let store = try open(as: admin)
        try store.appendAudit(AuditEvent(action: "set", user: "mallory", source: "-c", outcome: .refused, detail: "why"))
        let record = try #require(try store.latestAuditRecords(1).first)
        #expect(record.user == admin)
        #expect(record.sequence == 2, "after store init's")
        #expect(record.previous == (try store.storage.auditRecords(after: 0, limit: 1).first?.hash))
        #expect(record.hash == record.computedHash, "the server hashes what verify hashes")
        #expect(try store.verifyAudit() == AuditChain.Verification(verified: 2, lastHash: record.hash, mismatch: nil))
    }

    /// The trigger refuses to change or remove audit records even to the schema's owner (a
    /// superuser here); one who disables it first can, and `audit verify` then names the
    /// record changed.
    @Test func theAuditTrailIsAppendOnlyEvenForTheOwner() throws {
        let store = try open()
        let candidate = try store.scratchCandidate()
        try candidate.set([(StoreFixture.dnsName, "ag5.example.com")])
        _ = try candidate.publishExpectingRevision()
        for statement in ["UPDATE dashell.audit SET host = 'x'", "DELETE FROM dashell.audit WHERE sequence = 2", "TRUNCATE dashell.audit"] {
            let error = #expect(throws: PostgreSQLError.self) { try cluster.execute(statement, in: database) }
            #expect(error?.message.contains("the audit trail is append-only") == true, "\(statement): \(String(describing: error))")
        }
        #expect(try store.verifyAudit().verified == 2)
        try cluster.execute(
            """
            ALTER TABLE dashell.audit DISABLE TRIGGER audit_append_only;
            UPDATE dashell.audit SET outcome = 'publishes' WHERE sequence = 2;
            ALTER TABLE dashell.audit ENABLE TRIGGER audit_append_only;
            """, in: database)
        let verification = try store.verifyAudit()
        #expect(verification.mismatch?.sequence == 2)
        #expect(verification.verified == 1)
    }

    /// `store init` by the owner brings a store of format 1 (before the audit trail) to the
    /// current format, keeping its history; until then dashell refuses it, naming `store init`.
    @Test func storeInitUpgradesAFormat1Store() throws {
        let old = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(old) }
        // Format 1 as an older dashell left it: a current store without what format 2 added.
        let location = try ServerLocation(cluster.uri(database: old))
        _ = try PostgreSQLStorage.initialize(location)
        let first = try Self.open(location.uri).scratchCandidate()
        try first.set([(StoreFixture.dnsName, "old.example.com")])
        #expect(try first.publishExpectingRevision() == 1)
        try cluster.execute(
            """
            DROP FUNCTION dashell.append_revert, dashell.record_confirmation, dashell.clear_confirmation, dashell.settle_confirmation;
            DROP FUNCTION dashell.check_revert_source, dashell.check_auto_revert CASCADE;
            DROP TABLE dashell.confirmation, dashell.auto_revert, dashell.change_request, dashell.publishing, dashell.audit;
            DROP TRIGGER revision_audited ON dashell.revision;
            ALTER TABLE dashell.candidate DROP COLUMN edited;
            UPDATE dashell.format SET version = 1;
            """, in: old)
        #expect(throws: StoreError.formatTooOld(location: location.description, version: 1, supported: 2)) { try PostgreSQLStorage(location) }
        #expect("\(StoreError.formatTooOld(location: "L", version: 1, supported: 2))".hasSuffix("its owner upgrades it with `dashell --store L store init`"))

        #expect(try PostgreSQLStorage.initialize(location) == .upgraded(from: 1, to: 2))
        let store = try Self.open(location.uri)
        #expect(try store.published().value(at: StoreFixture.dnsName) == "old.example.com")
        let record = try #require(try store.latestAuditRecords(5).first)
        #expect((record.sequence, record.action, record.outcome, record.detail) == (1, "store init", "upgraded", "format 1 to 2"))
        let admin = try cluster.createAdministrator()
        let candidate = try Self.open(cluster.uri(database: old, user: admin)).scratchCandidate()
        try candidate.set([(StoreFixture.port, "8443")])
        #expect(try candidate.publishExpectingRevision(user: admin) == 2)
        #expect(try store.verifyAudit().verified == 2)
        #expect(try PostgreSQLStorage.initialize(location) == .unchanged(format: 2))
    }

    /// Waits until a connection to this test's database waits for a lock.
    private func waitForALockWait() throws {
        let connection = try PostgreSQLConnection(cluster.uri(database: "postgres"), applicationName: "test")
        for _ in 0..<6_000 {
            let waiting = try connection.query(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'", [database]
            ).first?.integer(0)
            if waiting == 1 { return }
            usleep(10_000)
        }
        Issue.record("no publisher ever waited for the head")
    }
}
