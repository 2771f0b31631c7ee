import Foundation
import XCTest

/// The exit codes of SPEC §7, each provoked the way a user or a CI job would.
final class ExitCodeTests: XCTestCase {
    func testSuccessIs0EvenWithWarnings() throws {
        let dashell = try Dashell()
        let result = try dashell.run("-c", "delete \(P.dns); set \(P.port) 8443")
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.errors.contains("warning: nothing to delete"), result.errors)
        XCTAssertTrue(result.errors.contains("warning: 1 unpublished change discarded"), result.errors)
    }

    func testFailedCommandIs1() throws {
        let dashell = try Dashell()
        XCTAssertEqual(try dashell.run("-c", "set \(P.port) 0").status, 1)
        XCTAssertEqual(try dashell.run("-c", "set manage-system nothing 1").status, 1)
        XCTAssertEqual(try dashell.run("-c", "set \(P.dns) \"unterminated").status, 1)
        XCTAssertEqual(try dashell.run("missing.dash").status, 1)
    }

    func testCommandLineMisuseIs2() throws {
        let dashell = try Dashell()
        for arguments in [["--no-such-option"], ["-c"], ["-c", "status", "file.dash"], ["export", "--revision", "x"], ["check"], ["--user"]] {
            let result = try dashell.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.errors)")
            XCTAssertFalse(result.errors.isEmpty, "\(arguments)")
        }
    }

    func testValidationFailureIs3AndPublishesNothing() throws {
        let dashell = try Dashell()
        let result = try dashell.run("-c", "set \(P.users) user a portwise-authentication notification email; publish")
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.errorLines.contains { $0.hasPrefix("\(P.users) user a portwise-authentication notification: ") }, result.errors)
        XCTAssertEqual(try dashell.revisionCount(), 0)
    }

    func testStoreUnavailableIs5() throws {
        let dashell = try Dashell()
        try Data("this is not a database, not at all; it is long enough to look like one".utf8 + Data(repeating: 1, count: 8192))
            .write(to: URL(fileURLWithPath: dashell.store))
        XCTAssertEqual(try dashell.run("-c", "show").status, 5)
        XCTAssertEqual(try dashell.run("export").status, 5)
    }

    /// Two processes edit the same leaf: the second to publish loses with exit 4, names the
    /// path, and publishes nothing. A FIFO that the script sources holds it after its `set`
    /// until the other process has published.
    func testConcurrentPublishOfTheSameLeafIs4() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; set \(P.users) user a email a@example.com; publish")
        let fifo = try dashell.makeFIFO("hold")
        let script = try dashell.write(
            "slow.dash",
            """
            set \(P.port) 9443
            set \(P.users) user a display-name "A A"
            source hold
            publish comment slow
            """)
        let slow = try dashell.start([script], tag: "slow")
        let descriptor = try dashell.waitForReader(fifo, of: slow)
        try dashell.ok("set \(P.port) 10443; publish comment fast")
        close(descriptor)
        slow.waitUntilExit()
        let (out, err) = dashell.output(of: "slow")
        XCTAssertEqual(slow.terminationStatus, 4, out + err)
        XCTAssertTrue(err.hasPrefix("slow.dash:4:1: error: conflict"), err)
        XCTAssertTrue(err.contains("\(P.port)"), err)
        XCTAssertFalse(err.contains("user a display-name"), "a leaf changed on one side only is no conflict: \(err)")
        XCTAssertEqual(try dashell.revisionCount(), 2)
        let json = try dashell.published()
        XCTAssertEqual(value(json, "manage-system", "distribution-services", "global-settings", "external-port") as? Int, 10443)
        XCTAssertNil(value(json, "manage-accounts-and-storage", "user-accounts", "user", "a", "display-name"), "nothing of the loser is published")
    }

    /// Changes to different leaves merge silently, and the script sees that its base went stale.
    func testConcurrentPublishOfDifferentLeavesMerges() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; publish")
        let fifo = try dashell.makeFIFO("hold")
        let script = try dashell.write("slow.dash", "set \(P.users) user a email a@example.com\nsource hold\nstatus\npublish\n")
        let slow = try dashell.start([script], tag: "slow")
        let descriptor = try dashell.waitForReader(fifo, of: slow)
        try dashell.ok("set \(P.port) 9443; publish")
        close(descriptor)
        slow.waitUntilExit()
        let (out, err) = dashell.output(of: "slow")
        XCTAssertEqual(slow.terminationStatus, 0, out + err)
        XCTAssertTrue(out.contains("base revision    1\nlatest revision  2  (candidate is stale: run update)\npending changes  1\n"), out)
        let json = try dashell.published()
        XCTAssertEqual(value(json, "manage-system", "distribution-services", "global-settings", "external-port") as? Int, 9443)
        XCTAssertEqual(value(json, "manage-accounts-and-storage", "user-accounts", "user", "a", "email") as? String, "a@example.com")
        XCTAssertEqual(try dashell.revisionCount(), 3)
    }

    /// `update` rebases a stale script candidate: the conflicting leaf takes the published
    /// value, with a warning, and the rest is kept.
    func testUpdateRebasesAndReportsWhatItDropped() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; publish")
        let fifo = try dashell.makeFIFO("hold")
        let script = try dashell.write("slow.dash", "set \(P.port) 9443\nset \(P.dns) mine.example.com\nsource hold\nupdate\npublish\n")
        let slow = try dashell.start([script], tag: "slow")
        let descriptor = try dashell.waitForReader(fifo, of: slow)
        try dashell.ok("set \(P.port) 10443; publish")
        close(descriptor)
        slow.waitUntilExit()
        let (out, err) = dashell.output(of: "slow")
        XCTAssertEqual(slow.terminationStatus, 0, out + err)
        XCTAssertTrue(out.contains("Candidate rebased onto revision 2"), out)
        XCTAssertTrue(err.contains("warning: kept the published value, dropping yours: \(P.port)"), err)
        let global = value(try dashell.published(), "manage-system", "distribution-services", "global-settings") as? [String: Any]
        XCTAssertEqual(global?["external-port"] as? Int, 10443)
        XCTAssertEqual(global?["external-dns-name"] as? String, "mine.example.com")
    }

    /// SIGINT stops a long script between commands with exit 130, and nothing it did is kept.
    /// The script first sources a FIFO, so the signal surely arrives while it runs.
    func testInterruptIs130AndKeepsNothing() throws {
        let dashell = try Dashell()
        let fifo = try dashell.makeFIFO("hold")
        var text = "source hold\n"
        text.reserveCapacity(200_000 * 80)
        for index in 0..<200_000 {
            text += "set \(P.users) user u\(index) email u\(index)@example.com\n"
        }
        text += "publish\n"
        let script = try dashell.write("long.dash", text)
        let long = try dashell.start([script], tag: "long")
        let descriptor = try dashell.waitForReader(fifo, of: long)
        kill(long.processIdentifier, SIGINT)
        usleep(100_000)
        close(descriptor)
        long.waitUntilExit()
        let (out, err) = dashell.output(of: "long")
        XCTAssertEqual(long.terminationReason, .exit, "ended by exiting, not by the signal")
        XCTAssertEqual(long.terminationStatus, 130, out + err)
        XCTAssertTrue(err.contains("long.dash:"), err)
        XCTAssertTrue(err.contains("interrupted"), err)
        XCTAssertEqual(try dashell.revisionCount(), 0)
        XCTAssertEqual(try dashell.run("export").output, "")
    }

    /// A SIGINT in the middle of the set lines, without any synchronisation: the process
    /// exits (never dies of the signal) with 130, or 0 on a machine fast enough to finish
    /// first, and the store holds either nothing or the whole publish, never a part.
    func testInterruptMidwayKeepsNothingPartial() throws {
        let dashell = try Dashell()
        var text = ""
        for index in 0..<200_000 {
            text += "set \(P.users) user u\(index) email u\(index)@example.com\n"
        }
        text += "publish\n"
        let script = try dashell.write("long.dash", text)
        let long = try dashell.start([script], tag: "long")
        long.waitUntilCatchingInterrupts()
        usleep(200_000)
        kill(long.processIdentifier, SIGINT)
        long.waitUntilExit()
        XCTAssertEqual(long.terminationReason, .exit)
        XCTAssertTrue([0, 130].contains(long.terminationStatus), "\(long.terminationStatus)")
        let history = try dashell.ok("show history").outputLines.filter { !$0.isEmpty }
        XCTAssertTrue(history.isEmpty || (history.count == 1 && history[0].contains("200000 changes")), history.joined(separator: "\n"))
    }
}
