import Foundation
import TerminalTesting
import XCTest

/// `publish confirmed` at the keyboard: `status` shows the deadline, and a session left
/// open past it reverts before its next command when the timer could not, and says so.
final class ConfirmedPublishTests: XCTestCase {
    private let port = "manage-system distribution-services global-settings external-port"

    func testAnOpenSessionRevertsPastTheDeadlineWhenTheTimerWasKilled() throws {
        let shell = try DashellTerminal()
        try shell.script("set \(port) 8443; publish")
        let terminal = try shell.start()
        try terminal.send("set \(port) 9443\r")
        try terminal.send("publish confirmed 3s\r")
        try terminal.expect("Confirm by ")
        try terminal.send("status\r")
        try terminal.expect("revision 2 by tester, else reverted to revision 1")
        let timer = try XCTUnwrap(timerProcess(under: shell.home), "no timer process")
        XCTAssertEqual(kill(timer, SIGKILL), 0)

        let deadline = Date().addingTimeInterval(60)
        var screen: [String] = []
        repeat {
            try terminal.send("show \(port)\r")
            try terminal.expect("external-port ")
            screen = terminal.screenLines()
        } while !screen.contains(where: { $0.contains("was not confirmed") }) && Date() < deadline
        let message = try XCTUnwrap(screen.first { $0.contains("was not confirmed") }, screen.joined(separator: "\n"))
        XCTAssertTrue(message.hasPrefix("revision 2 by tester was not confirmed by "), message)
        XCTAssertEqual(screen.last { $0.hasPrefix("external-port") }, "external-port 8443")
        // Base, latest and pending changes; no confirmation line any more.
        try terminal.send("status | count\r")
        try terminal.expect("Count: 3 lines")
    }

    /// The detached timer of the store under `home`, found by its command line.
    private func timerProcess(under home: String) -> pid_t? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap(Int32.init)) ?? []
            let timer = pids.first { pid in
                guard let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
                let words = String(decoding: line, as: UTF8.self).split(separator: "\0")
                return words.contains("--detached") && words.contains { $0.hasPrefix(home) }
            }
            if let timer { return timer }
            usleep(50_000)
        }
        return nil
    }
}
