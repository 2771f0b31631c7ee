import XCTest

/// Real keystroke sessions with `line-editor-demo`, whose toy vocabulary is
/// set, shell, show, status and ångström. Assertions are on what the demo
/// prints (`LINE:…`, `INTERRUPT`, listings), never on how libedit redraws.
final class KeystrokeTests: XCTestCase {
    private var session: DemoSession!

    override func setUpWithError() throws {
        session = try DemoSession()
    }

    override func tearDown() {
        session.removeHome()
    }

    private enum Key {
        static let tab = "\t"
        static let enter = "\r"
        static let ctrlB = "\u{02}"
        static let ctrlC = "\u{03}"
        static let ctrlD = "\u{04}"
        static let ctrlR = "\u{12}"
        static let up = "\u{1B}[A"
    }

    func testTabCompletesAUniqueWordAndAddsASpace() throws {
        let terminal = try session.start()
        try terminal.send("sta" + Key.tab + Key.enter)
        try terminal.expect("LINE:status \r\n")
    }

    func testTabCompletesNonASCIIWord() throws {
        let terminal = try session.start()
        try terminal.send("å" + Key.tab + Key.enter)
        try terminal.expect("LINE:ångström \r\n")
    }

    func testSecondTabListsTheCandidates() throws {
        let terminal = try session.start()
        try terminal.send("sh" + Key.tab + Key.tab)
        try terminal.expect("shell  show\r\n")
        try terminal.send("o" + Key.tab + Key.enter)
        try terminal.expect("LINE:show \r\n")
    }

    func testListingFitsAResizedTerminal() throws {
        let terminal = try session.start()
        terminal.resize(columns: 20, rows: 24)
        try terminal.send("s" + Key.tab + Key.tab)
        // Four names of up to 6 characters in 20 columns: two columns, filled top to bottom.
        try terminal.expect("set     show\r\n")
        try terminal.expect("shell   status\r\n")
    }

    func testQuestionMarkPrintsHelpAndKeepsTheLine() throws {
        let terminal = try session.start()
        try terminal.send("sh?")
        try terminal.expect("shell  Start a subshell")
        try terminal.expect("show  Show the configuration")
        try terminal.send("ow" + Key.enter)
        try terminal.expect("LINE:show\r\n")
    }

    func testQuestionMarkInsideQuotesIsOrdinary() throws {
        let terminal = try session.start()
        try terminal.send("set \"al?ce\"" + Key.enter)
        try terminal.expect("LINE:set \"al?ce\"\r\n")
    }

    func testCtrlCDiscardsTheHalfTypedLine() throws {
        let terminal = try session.start()
        try terminal.send("show sta")
        try terminal.expect("show sta")  // in the editor's buffer before the interrupt
        try terminal.send(Key.ctrlC)
        try terminal.expect("INTERRUPT\r\n")
        try session.enter("status", in: terminal)
    }

    func testEditrcCanBindTheEditorsFunctions() throws {
        try "bind ^B complete-word\n".write(toFile: session.home + "/.editrc", atomically: true, encoding: .utf8)
        let terminal = try session.start()
        try terminal.send("sta" + Key.ctrlB + Key.enter)
        try terminal.expect("LINE:status \r\n")
    }

    func testCtrlDOnAnEmptyLineExitsWithStatusZero() throws {
        let terminal = try session.start()
        try terminal.send(Key.ctrlD)
        XCTAssertEqual(try terminal.waitForExit(), 0)
    }

    func testUpArrowRecallsALineFromAPreviousRun() throws {
        let first = try session.start()
        try session.enter("show status", in: first)
        try first.send(Key.ctrlD)
        XCTAssertEqual(try first.waitForExit(), 0)

        let second = try session.start()
        try second.send(Key.up + Key.enter)
        try second.expect("LINE:show status\r\n")
    }

    func testCtrlRSearchesTheHistory() throws {
        let terminal = try session.start()
        for line in ["set a 1", "show b", "status"] {
            try session.enter(line, in: terminal)
        }
        try terminal.send(Key.ctrlR + "sho" + Key.enter)
        try terminal.expect("LINE:show b\r\n")
    }

    func testNonASCIIRoundTrips() throws {
        let terminal = try session.start()
        try session.enter("set name é å", in: terminal)
    }

    func testHistoryFilterMasksAndSkipsLines() throws {
        let first = try session.start()
        try session.enter("password hunter2", in: first)
        try session.enter(" set secret 1", in: first)
        try first.send(Key.ctrlD)
        XCTAssertEqual(try first.waitForExit(), 0)

        let stored = try String(contentsOfFile: session.historyPath, encoding: .utf8)
        XCTAssertFalse(stored.contains("hunter2"), stored)
        XCTAssertFalse(stored.contains("secret"), stored)

        let second = try session.start()
        try second.send(Key.up + Key.enter)
        try second.expect("LINE:password ***\r\n")
    }
}
