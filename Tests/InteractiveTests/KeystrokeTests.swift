import Foundation
import TerminalTesting
import XCTest

/// Real keystroke sessions: what an administrator sees and relies on at the keyboard.
final class KeystrokeTests: XCTestCase {
    private let users =
        "set manage-accounts-and-storage user-accounts user alice display-name \"Alice A\"; set manage-accounts-and-storage user-accounts user bob display-name Bob; publish"

    func testTabCompletesAKeywordAndAnAbbreviatedCommandRuns() throws {
        let shell = try DashellTerminal()
        try shell.script("set manage-system distribution-services global-settings external-port 8443; publish")
        let terminal = try shell.start()
        try terminal.send("sh\tmanage-s\tdist\t\r")
        try terminal.expect("external-port 8443")
        try terminal.send("sta\r")
        try terminal.expect("base revision")
    }

    func testTabCompletesAUserIdFromTheStore() throws {
        let shell = try DashellTerminal()
        try shell.script(users)
        let terminal = try shell.start()
        try terminal.send("show manage-accounts-and-storage user-accounts user al\t\r")
        try terminal.expect("display-name \"Alice A\"")
    }

    func testDoubleTabListsTheCandidates() throws {
        let shell = try DashellTerminal()
        try shell.script(users)
        let terminal = try shell.start()
        try terminal.send("show manage-accounts-and-storage user-accounts user \t\t")
        let listing = try terminal.expect("bob")
        XCTAssertTrue(listing.contains("alice"), listing)
    }

    func testQuestionMarkListsWhatMayComeNextAndKeepsTheLine() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set manage-system distribution-services global-settings external-port ?")
        try terminal.expect("port, default 443")
        try terminal.send("8443\r")
        try terminal.send("show manage-system | display set\r")
        try terminal.expect("set manage-system distribution-services global-settings external-port 8443")
    }

    func testPromptMarksPendingChangesUntilPublished() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set manage-system distribution-services global-settings external-port 8443\r")
        try terminal.expect("tester@store*> ")
        try terminal.send("publish\r")
        try terminal.expect("Published revision 1")
        try terminal.expect("tester@store> ")
    }

    func testCtrlCDiscardsAHalfTypedLine() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set manage-system distribution-services global-settings external-port 99")
        try terminal.expect("external-port 99")
        try terminal.send("\u{3}")
        try terminal.send("status\r")
        try terminal.expect("pending changes  0")
    }

    func testCtrlCShowsCaretCAndEndsTheLineAsAShellDoes() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set manage-sys")
        try terminal.expect("manage-sys")
        try terminal.send("\u{3}")
        try terminal.expect(DashellTerminal.prompt)
        try terminal.send("\u{3}")
        try terminal.expect(DashellTerminal.prompt)
        try terminal.send("\u{3}")
        try terminal.expect(DashellTerminal.prompt)
        XCTAssertEqual(
            terminal.screenLines().suffix(4),
            [
                "tester@store> set manage-sys^C",
                "tester@store> ^C",
                "tester@store> ^C",
                "tester@store>",
            ])
        // libedit's idea of the cursor stays right: a TAB redraws the line in place.
        try terminal.send("set manage-sys\t")
        try terminal.expect("tem ")
        XCTAssertEqual(terminal.screenLines().last, "tester@store> set manage-system")
    }

    func testCtrlCInTheMiddleOfALineEndsItAfterItsLastCharacter() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("status now\u{1B}[D\u{1B}[D\u{1B}[D")
        try terminal.send("\u{3}")
        try terminal.expect(DashellTerminal.prompt)
        XCTAssertEqual(terminal.screenLines().suffix(2), ["tester@store> status now^C", "tester@store>"])
    }

    func testCtrlDLeavesWithStatusZero() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("\u{4}")
        XCTAssertEqual(try terminal.waitForExit(), 0)
    }

    func testCtrlDEndsTheLineBeforeSayingWhereUnpublishedChangesAreKept() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set manage-system distribution-services global-settings external-port 8443\r")
        try terminal.expect("tester@store*> ")
        try terminal.send("\u{4}")
        XCTAssertEqual(try terminal.waitForExit(), 0)
        let (lastLine, message) = Self.lineEndedByCtrlD(terminal.screenLines())
        XCTAssertEqual(lastLine, "tester@store*> ^D")
        XCTAssertEqual(message, "warning: 1 unpublished change kept in your candidate (user tester, store \(shell.store)); your next session resumes it")
    }

    func testCtrlDAtANestedLevelLeavesAndSaysWhereTheCandidateIsKept() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("edit manage-system distribution-services global-settings\r")
        try terminal.send("set external-port 8443\r")
        try terminal.expect("[edit manage-system distribution-services global-settings]\r\ntester@store*> ")
        try terminal.send("\u{4}")
        XCTAssertEqual(try terminal.waitForExit(), 0)
        let (lastLine, message) = Self.lineEndedByCtrlD(terminal.screenLines())
        XCTAssertEqual(lastLine, "tester@store*> ^D")
        XCTAssertTrue(message.hasSuffix("(user tester, store \(shell.store)); your next session resumes it"), message)
    }

    /// The line where Ctrl-D was typed, and the text of the lines after it (one message,
    /// wrapped at the window's width).
    private static func lineEndedByCtrlD(_ lines: [String]) -> (line: String?, after: String) {
        guard let index = lines.lastIndex(where: { $0.contains("> ^D") }) else { return (nil, lines.joined(separator: "\n")) }
        return (lines[index], lines[(index + 1)...].joined())
    }

    func testHistoryRecallsALineFromAPreviousRun() throws {
        let shell = try DashellTerminal()
        do {
            let first = try shell.start()
            try first.send("status\r")
            try first.expect("base revision")
            try first.send("quit\r")
            XCTAssertEqual(try first.waitForExit(), 0)
        }
        let second = try shell.start()
        // The last line of the previous run is `quit`; the one before it is `status`.
        try second.send("\u{1B}[A\u{1B}[A\r")
        try second.expect("base revision")
    }

    func testNonASCIIRoundTrips() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set manage-accounts-and-storage user-accounts user åsa display-name \"Émilie Åström\"\r")
        try terminal.send("publish\r")
        try terminal.expect("Published revision 1")
        XCTAssertTrue(try shell.script("show published manage-accounts-and-storage user-accounts user åsa").contains("display-name \"Émilie Åström\""))
    }

    func testUnpublishedChangesAreKeptForTheNextSession() throws {
        let shell = try DashellTerminal()
        do {
            let first = try shell.start()
            try first.send("set manage-system distribution-services global-settings external-port 8443\r")
            try first.expect("tester@store*> ")
            try first.send("quit\r")
            try first.expect("kept in your candidate")
            XCTAssertEqual(try first.waitForExit(), 0)
        }
        let second = try PseudoTerminal(DashellTerminal.binary, arguments: ["--store", shell.store, "--user", "tester"], environment: shell.environment)
        try second.expect("Resuming your candidate: 1 unpublished change")
        try second.expect("tester@store*> ")
    }

    func testSecretsAreMaskedInTheHistoryFile() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("set manage-system notification-channels email password s3cr3t-value\r")
        try terminal.expect("tester@store*> ")
        try terminal.send("quit\r")
        _ = try terminal.waitForExit()
        let history = try String(contentsOfFile: shell.home + "/.local/state/dashell/history", encoding: .utf8)
        XCTAssertFalse(history.contains("s3cr3t-value"), history)
        // libedit stores lines encoded with vis(3): a blank is \040.
        XCTAssertTrue(history.contains("password\\040********"), history)
    }
}

final class WizardTests: XCTestCase {
    func testWizardBuildsAValidPersonalMobileMethod() throws {
        let shell = try DashellTerminal()
        try shell.script(
            """
            set manage-system distribution-services global-settings external-dns-name ag5.example.com
            set manage-system authentication-services service radius-1 host r.example.com
            set manage-system certificates certificate-authority "Issuing CA"
            publish
            """)
        let terminal = try shell.start()
        try terminal.send("wizard authentication-method\r")
        try terminal.expect("Type [personal-mobile]: ")
        try terminal.send("\r")
        try terminal.expect("Display name: ")
        try terminal.send("Smart ID here\r")
        try terminal.expect("Internal name [smart-id-here]: ")
        try terminal.send("\r")
        try terminal.expect("Enable Personal Certificate Authentication [no]: ")
        try terminal.send("yes\r")
        try terminal.expect("Certificate Authority [Issuing CA]: ")
        try terminal.send("\r")
        try terminal.expect("Enable authentication on same device [no]: ")
        try terminal.send("y\r")
        try terminal.expect("Wait for (seconds) [3]: ")
        try terminal.send("400\r")
        try terminal.expect("is out of range 0–300")
        try terminal.expect("Wait for (seconds) [3]: ")
        try terminal.send("5\r")
        try terminal.expect("Redirect text [")
        try terminal.send("\r")
        try terminal.expect("Authentication server [radius-1]: ")
        try terminal.send("\r")
        try terminal.expect("User Attribute [mail]: ")
        try terminal.send("\r")
        try terminal.expect("Certificate Attribute [subjectaltname-emailaddress]: ")
        try terminal.send("\r")
        try terminal.expect("  set manage-system authentication-methods method smart-id-here wait-seconds 5")
        try terminal.expect("Apply? [yes]: ")
        try terminal.send("\r")
        try terminal.expect("set manage-system authentication-methods method smart-id-here wait-seconds 5")
        try terminal.send("publish\r")
        try terminal.expect("Published revision 2")
        let exported = try shell.script("show published manage-system authentication-methods method smart-id-here | display set")
        XCTAssertTrue(exported.contains("extended-property \"Certificate Attribute\" value subjectaltname-emailaddress"), exported)
        XCTAssertTrue(exported.contains("same-device true"), exported)
    }

    /// Each answer is checked as it is given, the defaults are free to take, and nothing is
    /// set before the summary is accepted.
    func testTheWizardChecksAnswersAtOnceAndAsksBeforeApplying() throws {
        let shell = try DashellTerminal()
        let method = "manage-system authentication-methods method smart-id"
        try shell.script(
            """
            set manage-system authentication-services service radius-1 host r.example.com
            set \(method) type oath
            set \(method) display-name Old
            set \(method) authentication-server radius-1
            publish
            """)
        let terminal = try shell.start()
        try terminal.send("wizard authentication-method\r")
        try terminal.expect("Type [personal-mobile]: ")
        try terminal.send("personal-desktop\r")
        try terminal.expect("Display name: ")
        try terminal.send("Old\r")
        try terminal.expect("is the display name of another method")
        try terminal.send("Smart ID\r")
        try terminal.expect("Internal name [smart-id-2]: ")
        try terminal.send("\r")
        try terminal.expect("Enable Personal Certificate Authentication [no]: ")
        try terminal.send("n\r")
        try terminal.expect("Authentication server [radius-1]: ")
        try terminal.send("radius-9\r")
        try terminal.expect("names no authentication server; one of: radius-1")
        try terminal.send("\r")
        try terminal.expect("Apply? [yes]: ")
        try terminal.send("no\r")
        try terminal.expect("Wizard abandoned; nothing changed")
        try terminal.send("status\r")
        try terminal.expect("pending changes  0")
    }

    func testCtrlCAbandonsTheWizardWithoutChanges() throws {
        let shell = try DashellTerminal()
        let terminal = try shell.start()
        try terminal.send("wizard authentication-method\r")
        try terminal.expect("Type [personal-mobile]: ")
        try terminal.send("personal-desktop\r")
        try terminal.expect("Display name: ")
        try terminal.send("Smart ID\u{3}")
        try terminal.expect("Wizard abandoned; nothing changed")
        XCTAssertEqual(terminal.screenLines().suffix(3), ["  Display name: Smart ID^C", "Wizard abandoned; nothing changed", "tester@store>"])
        try terminal.send("status\r")
        try terminal.expect("pending changes  0")
    }
}
