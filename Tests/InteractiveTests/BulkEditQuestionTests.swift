import Foundation
import TerminalTesting
import XCTest

/// At the keyboard, a pattern that would change more than 100 entries asks first, and no
/// changes nothing; a refused pattern edit is undone whole; a sourced or loaded file never
/// asks; `?` and TAB after a pattern go on as after a key.
final class BulkEditQuestionTests: XCTestCase {
    private let users = "manage-accounts-and-storage user-accounts"

    func testMoreThanAHundredMatchesAskFirst() throws {
        let shell = try DashellTerminal()
        let management = "manage-system delegated-management administrator"
        // tester may change users' settings (help-desk) but not delete users.
        let setUp =
            ["set \(management) root role super-administrator", "set \(management) tester role help-desk"]
            + (0..<120).map { "set \(users) user u\($0) email u\($0)@example.com" } + ["publish"]
        XCTAssertEqual(try shell.run(["-c", setUp.joined(separator: "; ")], user: "root").status, 0)
        let enable = "set \(users) user 'u*' portwise-authentication enable-personal true\r"
        let terminal = try shell.start()

        try terminal.send(enable)
        try terminal.expect("120 entries match user 'u*'; set portwise-authentication enable-personal in each? [no]: ")
        try terminal.send("\r")
        try terminal.expect("Nothing changed")
        try terminal.send("status\r")
        try terminal.expect("pending changes  0")

        try terminal.send(enable)
        try terminal.expect("[no]: ")
        try terminal.send("yes\r")
        try terminal.expect("120 entries changed")

        // 31 entries (u1, u10–u19, u100–u119): no question; refused, and none is deleted.
        try terminal.send("delete \(users) user 'u1*'\r")
        try terminal.expect("needs the privilege user-account-management")
        try terminal.send("show \(users) user u19\r")
        try terminal.expect("email u19@example.com")

        // Files run by source and load never ask: had they asked, they would wait at the
        // question and never say what they did.
        let file = shell.home + "/emails.dash"
        try "set \(users) user 'u*' email x@example.com\n".write(toFile: file, atomically: true, encoding: .utf8)
        try terminal.send("source \(file)\r")
        try terminal.expect("120 entries changed")
        let loaded = shell.home + "/phones.dash"
        try "set \(users) user 'u*' cell-phone +46700000000\n".write(toFile: loaded, atomically: true, encoding: .utf8)
        try terminal.send("load merge \(loaded)\r")
        try terminal.expect("Loaded \(loaded)")

        try terminal.send("show \(users) user 'u1?' ?")
        try terminal.expect("portwise-authentication")
        XCTAssertEqual(terminal.screenLines().last, "\(shell.user)*> show \(users) user 'u1?'")
        try terminal.send("email\r")
        try terminal.expect("10 matching entries")
        // Said once the entries are shown, not before.
        let lines = terminal.screenLines()
        XCTAssertEqual(lines.firstIndex(of: "10 matching entries"), lines.lastIndex(of: "  email x@example.com").map { $0 + 1 })
        try terminal.send("set \(users) user 'u1*' portw\t")
        try terminal.expect("ise-authentication ")
    }
}
