import Foundation
import XCTest

/// Two administrators on one store (SPEC §6): alice's script waits on a FIFO while bob
/// publishes, so that alice's candidate is stale when her script goes on.
final class MultiUserTests: XCTestCase {
    private let alicesSecret = "alice-s3cret", bobsSecret = "bob-s3cret"

    /// Runs `dashell -c COMMANDS` as `user`.
    @discardableResult
    private func run(_ dashell: Dashell, as user: String, _ commands: String, file: StaticString = #filePath, line: UInt = #line) throws -> Dashell.Result {
        let result = try dashell.run(["--store", dashell.store, "--user", user, "-c", commands], withStore: false)
        XCTAssertEqual(result.status, 0, result.output + result.errors, file: file, line: line)
        return result
    }

    /// Runs alice's `script`, which sources the FIFO `hold`, and lets bob run `bobs` while
    /// she waits there. Returns alice's exit status, output and errors.
    private func aliceWaits(_ dashell: Dashell, _ script: String, _ options: [String] = [], whileBob bobs: String) throws -> (
        status: Int32, out: String, err: String
    ) {
        let fifo = try dashell.makeFIFO("hold")
        defer { unlink(fifo) }
        let name = try dashell.write("alice.dash", script)
        let alice = try dashell.start(["--user", "alice"] + options + [name], tag: "alice")
        let descriptor = try dashell.waitForReader(fifo, of: alice)
        try run(dashell, as: "bob", bobs)
        close(descriptor)
        alice.waitUntilExit()
        let (out, err) = dashell.output(of: "alice")
        return (alice.terminationStatus, out, err)
    }

    private func storeWithPort() throws -> Dashell {
        let dashell = try Dashell()
        try run(dashell, as: "carol", "set \(P.port) 8443; publish")
        return dashell
    }

    private var bobsPublish: String { "set \(P.port) 465; set \(P.email) password \(bobsSecret); publish" }

    /// `validate` warns of the conflicts a publish would meet, `update` names each value it
    /// dropped: both with alice's value, bob's, and the revision bob published it in.
    func testValidateAndUpdateNameBothValuesAndWhoPublished() throws {
        let dashell = try storeWithPort()
        let script = "set \(P.port) 587\nset \(P.email) password \(alicesSecret)\nsource hold\nvalidate\nupdate\n"
        let alice = try aliceWaits(dashell, script, whileBob: bobsPublish)
        XCTAssertEqual(alice.status, 0, alice.out + alice.err)
        XCTAssertTrue(alice.out.contains("Configuration is valid"), alice.out)
        for prefix in ["publish would conflict (run update)", "kept the published value, dropping yours"] {
            XCTAssertTrue(alice.err.contains("warning: \(prefix): \(P.port): yours 587, published 465 in revision 2 by bob\n"), alice.err)
            XCTAssertTrue(alice.err.contains("warning: \(prefix): \(P.email) password: yours ********, published ******** in revision 2 by bob\n"), alice.err)
        }
        XCTAssertFalse(alice.err.contains("s3cret"), alice.err)
    }

    func testPublishConflictNamesBothValuesAndWhoPublished() throws {
        let dashell = try storeWithPort()
        let alice = try aliceWaits(dashell, "set \(P.port) 587\nsource hold\npublish\n", whileBob: bobsPublish)
        XCTAssertEqual(alice.status, 4, alice.out + alice.err)
        XCTAssertTrue(alice.err.contains("\(P.port): yours 587, published 465 in revision 2 by bob"), alice.err)
    }

    /// An entry alice deleted while bob changed it: the message says so, and who changed it.
    func testDeletedHereChangedThereSaysSo() throws {
        let dashell = try Dashell()
        try run(dashell, as: "carol", "set \(P.users) user a email a@example.com; publish")
        let alice = try aliceWaits(dashell, "delete \(P.users) user a\nsource hold\npublish\n", whileBob: "set \(P.users) user a email b@example.com; publish")
        XCTAssertEqual(alice.status, 4, alice.out + alice.err)
        XCTAssertTrue(alice.err.contains("\(P.users) user a: deleted here, but changed in revision 2 by bob"), alice.err)
    }

    /// With `--json`, `validate` lists the conflicts in its result and a failed publish in
    /// its error's details, each as `PATH: MESSAGE`.
    func testJSONCarriesTheConflicts() throws {
        let dashell = try storeWithPort()
        let alice = try aliceWaits(dashell, "set \(P.port) 587\nsource hold\nvalidate\npublish\n", ["--json"], whileBob: bobsPublish)
        XCTAssertEqual(alice.status, 4, alice.out + alice.err)
        let documents = try alice.out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
        let message = "\(P.port): yours 587, published 465 in revision 2 by bob"
        assertJSON(value(documents.first { value($0, "command") as? String == "validate" }, "result", "conflicts"), [message])
        assertJSON(value(documents.last, "error", "details"), [message])
    }

    /// A script with nothing pending follows the latest revision: bob's publish does not
    /// make it stale.
    func testEmptyCandidateIsNeverStale() throws {
        let dashell = try storeWithPort()
        let alice = try aliceWaits(dashell, "source hold\nstatus\n", whileBob: bobsPublish)
        XCTAssertEqual(alice.status, 0, alice.out + alice.err)
        XCTAssertEqual(alice.out, "base revision    2\nlatest revision  2\npending changes  0\n")
    }
}
