import ConfigModel
import ConfigStorePostgreSQL
import DigitalAccess
import Foundation
import PostgreSQLClient
import PostgreSQLTesting
import Testing

@testable import ConfigStore

/// Whoever triggers a revert late publishes under another administrator's name: on
/// PostgreSQL the server holds them to that revert alone, whatever the client sends.
final class PostgreSQLAutoRevertTests {
    let cluster: TestCluster
    let database: String

    init() throws {
        cluster = try TestCluster.shared()
        database = try cluster.createDatabase(template: try StoreFixture.template())
    }

    deinit {
        try? cluster.dropDatabase(database)
    }

    /// Runs `statements` in a transaction of their own, rolled back; the server's refusal,
    /// if any.
    private func refusal(_ connection: PostgreSQLConnection, _ statements: [(String, [any QueryParameter])]) -> String? {
        do {
            try connection.transaction(.readCommitted) {
                try connection.execute("SELECT dashell.lock_head()")
                for (sql, parameters) in statements { try connection.query(sql, parameters) }
                return ((), commit: false)
            }
            return nil
        } catch {
            return (error as? PostgreSQLError)?.message ?? "\(error)"
        }
    }

    @Test func onlyADueConfirmationBeginsAnAutoRevertAndItMayOnlyUndo() throws {
        let admin = try cluster.createAdministrator()
        let uri = cluster.uri(database: database, user: admin)
        let store = RevisionedStore(
            storage: try PostgreSQLStorage(ServerLocation(uri)), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let candidate = try store.candidate(for: admin)
        try candidate.set([(StoreFixture.port, "8443")])
        #expect(try candidate.publishExpectingRevision(user: admin) == 1)
        try candidate.set([(StoreFixture.port, "9443")])
        var metadata = PublishMetadata(user: admin, source: "interactive", comment: nil)
        metadata.confirmWithin = 0
        #expect(try candidate.publish(metadata) == .published(revision: 2, changeCount: 1, warnings: []))

        let connection = try PostgreSQLConnection(uri, applicationName: "test")
        let forged = refusal(connection, [("SELECT dashell.append_revision(3, $1, 'auto-revert', NULL, 0)", [admin])])
        #expect(forged?.contains("an auto-revert is begun by append_revert") == true, "\(String(describing: forged))")
        let notDue = refusal(connection, [("SELECT dashell.append_revert(3, 'nobody', NULL)", [])])
        #expect(notDue?.contains("no publish by nobody is due to be reverted") == true, "\(String(describing: notDue))")
        let smuggled = refusal(
            connection,
            [
                ("SELECT dashell.append_revert(3, $1, NULL)", [admin]),
                (
                    "SELECT dashell.append_changes(3, $1, $2, $3)",
                    [TextArray([RecordKey(StoreFixture.user("eve", "")).encoded]), TextArray([nil]), TextArray(["{}"])]
                ),
            ])
        #expect(smuggled?.contains("an auto-revert may only undo revision 2") == true, "\(String(describing: smuggled))")

        #expect(try store.revertOverdue().map(\.result) == [.published(revision: 3, changeCount: 1)])
        #expect(try store.published().value(at: StoreFixture.port) == "8443")
    }

    /// A store `store init` made before confirmed publishes (format version 1) is refused,
    /// naming `store init`, which upgrades it.
    @Test func storeInitUpgradesAStoreOfFormatOne() throws {
        try cluster.execute(
            """
            DROP FUNCTION dashell.append_revert, dashell.record_confirmation, dashell.clear_confirmation, dashell.settle_confirmation;
            DROP FUNCTION dashell.check_revert_source, dashell.check_auto_revert CASCADE;
            DROP TABLE dashell.confirmation, dashell.auto_revert, dashell.change_request, dashell.publishing, dashell.audit;
            DROP TRIGGER revision_audited ON dashell.revision;
            ALTER TABLE dashell.candidate DROP COLUMN edited;
            UPDATE dashell.format SET version = 1;
            """, in: database)
        let admin = try cluster.createAdministrator()
        let location = try ServerLocation(cluster.uri(database: database, user: admin))
        #expect {
            try PostgreSQLStorage(location)
        } throws: { error in
            "\(error)".contains("has format version 1, older than this dashell's (2); its owner upgrades it with `dashell --store")
        }
        let owner = try ServerLocation(cluster.uri(database: database))
        #expect(try PostgreSQLStorage.initialize(owner) == .upgraded(from: 1, to: 2))
        #expect(try PostgreSQLStorage.initialize(owner) == .unchanged(format: 2))

        let store = RevisionedStore(storage: try PostgreSQLStorage(location), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let candidate = try store.candidate(for: admin)
        try candidate.set([(StoreFixture.port, "9443")])
        var metadata = PublishMetadata(user: admin, source: "interactive", comment: nil)
        metadata.confirmWithin = 3600
        #expect(try candidate.publish(metadata) == .published(revision: 1, changeCount: 1, warnings: []))
        #expect(try store.confirm(as: admin)?.revision == 1)
        #expect(try store.openChangeRequests().isEmpty, "and the tables of the rest of format 2 are there")
        #expect(try store.otherCandidates(than: "nobody").isEmpty)
    }
}
