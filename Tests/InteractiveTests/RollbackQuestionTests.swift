import Foundation
import TerminalTesting
import XCTest

/// `rollback` over unpublished changes asks first at the keyboard: no keeps them.
final class RollbackQuestionTests: XCTestCase {
    func testRollbackAsksBeforeReplacingPendingChanges() throws {
        let shell = try DashellTerminal()
        let port = "manage-system distribution-services global-settings external-port"
        try shell.script("set \(port) 8443; publish")
        let terminal = try shell.start()
        try terminal.send("set \(port) 9443\r")
        try terminal.expect("tester@store*> ")
        try terminal.send("rollback 0\r")
        try terminal.expect("Replace your 1 unpublished change with revision 0? [no]: ")
        try terminal.send("\r")
        try terminal.expect("Rollback cancelled; your changes are kept")
        try terminal.send("rollback 0\r")
        try terminal.expect("[no]: ")
        try terminal.send("maybe\r")
        try terminal.expect("answer yes or no")
        try terminal.send("y\r")
        try terminal.expect("Revision 0 loaded into the candidate")
        try terminal.send("compare\r")
        try terminal.expect("-   external-port 8443")
        XCTAssertFalse(terminal.screenLines().contains { $0.contains("9443") && $0.hasPrefix("+") })
    }
}
