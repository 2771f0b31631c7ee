import ConfigModel
import ConfigStore
import DigitalAccess
import Testing

@testable import ShellCore

/// Quitting the pager (`q` in less) ends a long listing: the command reads no further and
/// the prompt comes back, rather than the rest of a million users being read for nothing.
struct QuitPagerTests {
    /// A pager that the user quits after `linesRead` lines.
    private final class QuittingPager: OutputPager {
        let linesRead: Int
        private(set) var linesGiven = 0

        init(linesRead: Int) { self.linesRead = linesRead }

        func line(_ text: String) { linesGiven += 1 }
        func finish() {}
        var isClosed: Bool { linesGiven >= linesRead }
    }

    private func session(users: Int) throws -> Session {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: [])
        let session = try Session(store: store, mode: .interactive, options: Session.Options(user: "t"), console: CapturingConsole(), source: "test")
        for index in 0..<users {
            try session.execute(line: "set manage-accounts-and-storage user-accounts user u\(index) display-name \"User \(index)\"")
        }
        try session.execute(line: "publish")
        return session
    }

    @Test(arguments: [
        "show manage-accounts-and-storage user-accounts", "show manage-accounts-and-storage | display set",
        "show manage-accounts-and-storage user-accounts | display json", "ls manage-accounts-and-storage user-accounts user",
        "search user-accounts u*", "search user-accounts user", "show manage-accounts-and-storage user-accounts user 'u*'",
        "show manage-accounts-and-storage user-accounts user 'u?*' display-name | display json",
    ])
    func aQuitPagerGetsNoMoreLines(command: String) throws {
        let session = try session(users: 300)
        let console = session.console as! CapturingConsole
        let printed = console.output.count
        let pager = QuittingPager(linesRead: 50)
        session.io.pager = pager
        try session.execute(line: command)
        #expect(pager.linesGiven == 50)
        #expect(console.output.count == printed && console.errors.isEmpty)
    }

    @Test func aPagerReadToTheEndGetsEveryLine() throws {
        let session = try session(users: 300)
        let pager = QuittingPager(linesRead: .max)
        session.io.pager = pager
        try session.execute(line: "show manage-accounts-and-storage user-accounts")
        #expect(pager.linesGiven == 600)
    }
}
