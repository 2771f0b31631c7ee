import Foundation
import PostgreSQLTesting
import XCTest

/// A PostgreSQL store lost in the middle of a session (SPEC §10): the shell says so, keeps
/// the line that failed, and connects again at the next command, with the candidate as the
/// store kept it.
final class LostConnectionTests: XCTestCase {
    func testTheLineIsKeptAndTheNextCommandConnectsAgain() throws {
        let cluster = try TestCluster.shared()
        let database = try cluster.createDatabase()
        defer { try? cluster.dropDatabase(database) }
        _ = try DashellTerminal(store: cluster.uri(database: database)).run(["store", "init"], user: nil)
        try cluster.createAdministrator("tester")
        let shell = try DashellTerminal(store: cluster.uri(database: database, user: "tester"))
        let terminal = try shell.start()
        try terminal.send("set manage-system distribution-services global-settings external-dns-name da.example.com\r")
        try terminal.expect("\(shell.user)*> ")

        try cluster.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)'")
        let line = "show manage-system distribution-services | match 'dns|a?b'"
        try terminal.send(line + "\r")
        try terminal.expect("your line is kept, and the next command connects again")
        let screen = terminal.screenLines(after: 0.5)
        // Long lines wrap at the terminal's width.
        let text = screen.joined()
        XCTAssertTrue(text.contains("error: cannot reach store \(shell.store): FATAL:  terminating connection"), text)
        XCTAssertTrue(text.hasSuffix("\(shell.user)> " + line), text)

        try terminal.send("\r")
        try terminal.expect("connected again to \(shell.store)")
        try terminal.expect("\(shell.user)*> ")
        XCTAssertTrue(terminal.screenLines().contains("  external-dns-name da.example.com"), "\(terminal.screenLines())")
        try terminal.send("publish\r")
        try terminal.expect("Published revision 1")
        try terminal.send("quit\r")
        XCTAssertEqual(try terminal.waitForExit(), 0)
    }
}
