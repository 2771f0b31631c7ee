import Foundation
import TerminalTesting
import XCTest

/// `set` of a secret without a value at the keyboard: typed twice, never on the screen,
/// never in the history file.
final class SecretInputTests: XCTestCase {
    private let password = "manage-system notification-channels email password"

    func testASecretIsTypedTwiceUnseenAndSet() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set \(password)\r")
        try terminal.expect("Password (not shown): ")
        try terminal.send("s3cr3t-valuX\u{7F}e\r")
        try terminal.expect("Password again: ")
        try terminal.send("s3cr3t-value\r")
        try terminal.expect("tester@store*> ")
        let screen = terminal.screenLines()
        XCTAssertEqual(Array(screen.suffix(4)), ["tester@store> set \(password)", "Password (not shown):", "Password again:", "tester@store*>"])
        try terminal.send("publish\r")
        try terminal.expect("Published revision 1")
        try terminal.send("quit\r")
        _ = try terminal.waitForExit()
        let history = try String(contentsOfFile: shell.home + "/.local/state/dashell/history", encoding: .utf8)
        XCTAssertFalse(history.contains("s3cr3t"), history)
        try shell.script("save \(shell.home)/saved.dash")
        let saved = try String(contentsOfFile: shell.home + "/saved.dash", encoding: .utf8)
        XCTAssertTrue(saved.contains("set \(password) s3cr3t-value\n"), saved)
    }

    func testTwoDifferentEntriesSetNothing() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set \(password)\r")
        try terminal.expect("Password (not shown): ")
        try terminal.send("one-secret\r")
        try terminal.expect("Password again: ")
        try terminal.send("another-secret\r")
        try terminal.expect("error: the two entries differ; \(password) not set")
        try terminal.expect(DashellTerminal.prompt)
        try terminal.send("status\r")
        try terminal.expect("pending changes  0")
        XCTAssertFalse(terminal.screenLines().contains { $0.contains("secret") && !$0.contains("not set") })
    }

    func testCtrlCAtThePromptSetsNothing() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set \(password)\r")
        try terminal.expect("Password (not shown): ")
        try terminal.send("half\u{3}")
        try terminal.expect("error: nothing typed; \(password) not set")
        try terminal.send("status\r")
        try terminal.expect("pending changes  0")
    }
}
