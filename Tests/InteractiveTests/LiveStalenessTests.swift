import Foundation
import PostgreSQLTesting
import TerminalTesting
import XCTest

/// The prompt learns of other publishes as they happen (SPEC §10): with changes pending,
/// the `!` of a stale candidate appears while the administrator types, no key pressed,
/// and what was typed stays on the line.
final class LiveStalenessTests: XCTestCase {
    func testAPublishElsewhereMarksThePromptStaleWithoutAKeyOnSQLite() throws {
        try checkPromptTurnsStale(DashellTerminal())
    }

    func testAPublishElsewhereMarksThePromptStaleWithoutAKeyOnPostgreSQL() throws {
        let cluster = try TestCluster.shared()
        let database = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(database) }
        let owner = try DashellTerminal(store: cluster.uri(database: database))
        XCTAssertEqual(try owner.run(["store", "init"], user: nil).status, 0)
        try cluster.execute(
            """
            DO $$ BEGIN
                CREATE ROLE tester LOGIN IN ROLE dashell_admin;
            EXCEPTION WHEN duplicate_object THEN
                NULL;
            END $$
            """)
        try checkPromptTurnsStale(DashellTerminal(store: cluster.uri(database: database, user: "tester")))
    }

    /// An empty candidate follows the latest revision: a publish elsewhere marks nothing.
    func testAnEmptyCandidateStaysUnmarked() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("sta")
        try terminal.expect("sta")
        try shell.script("set manage-system distribution-services global-settings external-port 8443; publish")
        XCTAssertEqual(terminal.screenLines(after: 1).last, "tester@store> sta")
        try terminal.send("tus\r")
        try terminal.expect("latest revision  1\r\n")
    }

    private func checkPromptTurnsStale(_ shell: DashellTerminal) throws {
        let terminal = try shell.start()
        try terminal.send("set manage-system distribution-services global-settings external-port 8443\r")
        try terminal.expect("\(shell.user)*> ")
        try terminal.send("show manage")
        try terminal.expect("show manage")
        // Another process publishes: the shell's candidate is now behind.
        try shell.script("set manage-system distribution-services global-settings external-dns-name gw.example.com; publish")
        try terminal.expect("\(shell.user)*!> ")
        XCTAssertEqual(terminal.screenLines().last, "\(shell.user)*!> show manage")
        try terminal.send("-system distribution-services\r")
        try terminal.expect("external-port 8443")
    }
}
