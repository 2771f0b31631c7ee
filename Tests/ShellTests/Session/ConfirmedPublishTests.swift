import ConfigModel
import ConfigStore
import DigitalAccess
import XCTest

@testable import ShellCore
@testable import ShellInteractive

/// `publish confirmed` and `confirm` in a session, on a store whose clock the test moves:
/// what the administrator reads, the timer started, and the revert reported.
final class ConfirmedPublishTests: XCTestCase {
    private let port = "manage-system distribution-services global-settings external-port"

    /// The revisions the session asked to start a timer for.
    private final class Timers: @unchecked Sendable {
        var revisions: [Int] = []
    }

    private func session(_ storage: MemoryStorage, timers: Timers, console: CapturingConsole) throws -> Session {
        let store = RevisionedStore(storage: storage, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        var options = Session.Options(user: "alice")
        options.startRevertTimer = { timers.revisions.append($0) }
        return try Session(store: store, mode: .interactive, options: options, console: console, source: "interactive")
    }

    func testAConfirmedPublishStartsItsTimerAndStatusShowsTheDeadline() throws {
        let storage = MemoryStorage(), timers = Timers(), console = CapturingConsole()
        let alice = try session(storage, timers: timers, console: console)
        try alice.execute(line: "set \(port) 8443")
        try alice.execute(line: "publish confirmed 10 comment try 8443")
        XCTAssertEqual(timers.revisions, [1])
        XCTAssertEqual(
            console.output.suffix(2), ["Published revision 1 (1 change)", "Confirm by 1970-01-01T00:10:00Z, or revision 1 is reverted (confirm keeps it)"])
        try alice.execute(line: "status")
        XCTAssertEqual(console.output.last, "confirm by       1970-01-01T00:10:00Z  revision 1 by alice, else reverted to revision 0")
        try alice.execute(line: "confirm")
        XCTAssertEqual(console.output.last, "Revision 1 confirmed")
        XCTAssertEqual(try alice.store.pendingConfirmations(), [])
    }

    func testPastTheDeadlineTheNextCommandRevertsAndSaysSo() throws {
        let storage = MemoryStorage(), timers = Timers(), console = CapturingConsole()
        let alice = try session(storage, timers: timers, console: console)
        try alice.execute(line: "set \(port) 8443")
        try alice.execute(line: "publish confirmed 90s")
        storage.advanceClock(by: 89)
        try ConfirmedPublish.reportOverdue(alice)
        XCTAssertEqual(console.errors, [])
        storage.advanceClock(by: 1)
        try ConfirmedPublish.reportOverdue(alice)
        XCTAssertEqual(
            console.errors,
            ["revision 1 by alice was not confirmed by 1970-01-01T00:01:30Z: published revision 2 (auto-revert, 1 change), restoring revision 0"])
        XCTAssertThrowsError(try alice.execute(line: "confirm")) { error in
            XCTAssertEqual((error as? CommandError)?.message, "nothing to confirm: no publish of yours awaits confirmation")
        }
    }

    func testTabOffersConfirmedThenADurationThenAComment() throws {
        let shell = ShellCompleter(session: try session(MemoryStorage(), timers: Timers(), console: CapturingConsole()))
        XCTAssertEqual(shell.complete("publish co").candidates.map(\.text), ["comment", "confirmed"])
        XCTAssertEqual(shell.complete("publish conf").candidates.map(\.text), ["confirmed"])
        XCTAssertEqual(shell.complete("publish confirmed 5 c").candidates.map(\.text), ["comment"])
    }
}
