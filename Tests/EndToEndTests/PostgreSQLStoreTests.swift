import Foundation
import PostgreSQLTesting
import XCTest

/// dashell on a PostgreSQL store (SPEC §10), as an administrator uses it: `store init` by the
/// database's owner, then everything else as a login role that is a member of
/// `dashell_admin`, with the same results as on SQLite.
final class PostgreSQLStoreTests: XCTestCase {
    private var cluster: TestCluster!
    private var database = ""

    override func setUpWithError() throws {
        cluster = try TestCluster.shared()
        database = try cluster.createDatabase()
    }

    override func tearDownWithError() throws {
        try cluster.dropDatabase(database)
    }

    /// The administrators' role of the tests, `tester` (the name the other tests pass as
    /// `--user`), made once in the cluster.
    private func administrator() throws -> String {
        try cluster.execute(
            """
            DO $$ BEGIN
                CREATE ROLE tester LOGIN IN ROLE dashell_admin;
            EXCEPTION WHEN duplicate_object THEN
                NULL;
            END $$
            """)
        return "tester"
    }

    private func initialized() throws -> Dashell {
        let owner = try Dashell(store: cluster.uri(database: database))
        let result = try owner.run("store", "init")
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(result.errors, "dashell: created a new store in \(owner.store)\n")
        return try Dashell(store: cluster.uri(database: database, user: try administrator()))
    }

    func testTheExamplesExportTheSameOnSQLiteAndPostgreSQL() throws {
        let sqlite = try Dashell(), postgresql = try initialized()
        let examples: [(String, [String])] = [
            ("smart-id-authentication", []), ("bulk-add-users", ["-D", "DOMAIN=example.org"]), ("rotate-ca", []), ("remove-method", []),
        ]
        for (name, options) in examples {
            for dashell in [sqlite, postgresql] {
                let result = try dashell.run(options + [Dashell.repository + "/scripts/examples/\(name).dash"])
                XCTAssertEqual(result.status, 0, "\(name) on \(dashell.store): \(result.errors)")
            }
        }
        for format in ["set", "json", "tree"] {
            let expected = try sqlite.run("export", "--format", format, "--include-secrets")
            let actual = try postgresql.run("export", "--format", format, "--include-secrets")
            XCTAssertEqual(actual.status, 0, actual.errors)
            XCTAssertFalse(expected.output.isEmpty)
            XCTAssertTrue(actual.output == expected.output, "export --format \(format) differs:\n\(actual.output)")
        }
        // The same history, but for the time of each revision.
        func undated(_ dashell: Dashell) throws -> [String] {
            try dashell.ok("show history").outputLines.map {
                $0.split(separator: "  ").enumerated().filter { $0.offset != 1 }.map(\.element).joined(separator: "  ")
            }
        }
        XCTAssertEqual(try undated(postgresql), try undated(sqlite))
        XCTAssertEqual(try undated(postgresql).count, 4)
    }

    func testStoreInitOnceThenLeavesTheStoreAsItIs() throws {
        let dashell = try initialized()
        let again = try Dashell(store: cluster.uri(database: database)).run("store", "init")
        XCTAssertEqual(again.status, 0, again.errors)
        XCTAssertTrue(again.errors.hasSuffix("a store already exists in \(cluster.uri(database: database)); left as it is\n"), again.errors)
        XCTAssertEqual(try dashell.revisionCount(), 0)
    }

    /// A database without the dashell schema is exit 5, naming `store init`; a password in
    /// the URI is warned of and shown nowhere.
    func testADatabaseWithoutAStoreNamesStoreInitAndNeverThePassword() throws {
        let uri = "postgresql://postgres:pw-123@/\(database)?host=\(cluster.directory)"
        let result = try Dashell(store: uri).run("-c", "show manage-system")
        XCTAssertEqual(result.status, 5)
        XCTAssertTrue(result.errors.contains("password"), result.errors)
        XCTAssertTrue(result.errors.contains("store init`"), result.errors)
        XCTAssertFalse(result.errors.contains("pw-123"), result.errors)
        XCTAssertEqual(result.output, "")
    }
}
