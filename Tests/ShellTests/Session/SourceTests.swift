import ConfigModel
import ConfigStore
import DigitalAccess
import Foundation
import ShellCore
import XCTest

/// `source` is one command: a failure inside the file undoes everything the file did, and
/// the error names the sourced file's line and column.
final class SourceTests: XCTestCase {
    private let dns = "manage-system distribution-services global-settings external-dns-name"
    private let port = "manage-system distribution-services global-settings external-port"

    private func file(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dashell-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("half.set").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testAFailingSourceLeavesTheCandidateAsItWas() throws {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let session = try Session(
            store: store, mode: .interactive, options: Session.Options(user: "alice"),
            console: CapturingConsole(), source: "interactive")
        try session.execute(line: "set \(port) 8443")
        let path = try file("set \(dns) ag5.example.com\nedit manage-system\nset \(port) 99999\n")

        do {
            try session.execute(line: "source \(path)")
            XCTFail("source of a failing file succeeded")
        } catch let failure as ScriptFailure {
            XCTAssertEqual(failure.file, path)
            XCTAssertEqual(failure.line, 3)
            XCTAssertEqual(failure.column, 5)
            XCTAssertTrue(failure.report[0].hasPrefix("\(path):3:5: error:"), failure.report[0])
        }
        let dnsPath = ConfigPath(schemaWords: dns.split(separator: " ").map(String.init))
        let portPath = ConfigPath(schemaWords: port.split(separator: " ").map(String.init))
        XCTAssertNil(try session.candidate.value(at: dnsPath), "line 1 of the file was undone")
        XCTAssertEqual(try session.candidate.value(at: portPath), "8443", "what came before the source is kept")
        XCTAssertTrue(session.location.isRoot, "the file's edit was undone too")
        // And in the store: a new session resumes the candidate without the file's line 1.
        let again = try Session(
            store: store, mode: .interactive, options: Session.Options(user: "alice"),
            console: CapturingConsole(), source: "interactive")
        XCTAssertNil(try again.candidate.value(at: dnsPath))
        XCTAssertEqual(try again.candidate.status().pendingChanges, 1)
    }
}
