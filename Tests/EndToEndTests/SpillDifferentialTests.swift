import Foundation
import XCTest

/// A candidate that spills to the store (here past three records, with
/// `DASHELL_SPILL_THRESHOLD`) must print, fail and publish exactly as one held in memory:
/// the same `check` output, the same errors and exit codes, the same published configuration.
final class SpillDifferentialTests: XCTestCase {
    private static let spilling = ["DASHELL_SPILL_THRESHOLD": "3"]

    /// Users set, changed and deleted, a method and a service, and the given last lines.
    private func script(users: Int, ending: [String]) -> String {
        let user = "set manage-accounts-and-storage user-accounts user"
        var lines = try! String(contentsOfFile: Dashell.repository + "/scripts/examples/smart-id-authentication.dash", encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { $0 != "publish" && !$0.hasPrefix("publish ") }
        for index in stride(from: users - 1, through: 0, by: -1) {
            lines.append("\(user) u\(index) display-name \"User \(index)\"")
            lines.append("\(user) u\(index) email u\(index)@example.com")
        }
        for index in stride(from: 0, to: users, by: 7) { lines.append("\(user) u\(index) email changed\(index)@example.com") }
        for index in stride(from: 3, to: users, by: 11) { lines.append("delete manage-accounts-and-storage user-accounts user u\(index)") }
        return (lines + ending).joined(separator: "\n") + "\n"
    }

    /// Runs `arguments` on a store in each way and compares; returns the errors printed.
    @discardableResult
    private func compareRuns(_ text: String, _ arguments: (String) -> [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let inMemory = try Dashell(), spilling = try Dashell()
        let results = try [(inMemory, [String: String]()), (spilling, Self.spilling)].map { dashell, environment in
            let path = try dashell.write("users.dash", text)
            let result = try dashell.run(arguments(path), environment: environment)
            return (result, try dashell.run("export").output)
        }
        XCTAssertEqual(results[0].0.status, results[1].0.status, file: file, line: line)
        XCTAssertEqual(results[0].0.output, results[1].0.output, file: file, line: line)
        XCTAssertEqual(results[0].0.errors, results[1].0.errors, file: file, line: line)
        XCTAssertEqual(results[0].1, results[1].1, "the published configuration", file: file, line: line)
        return results[1].0.errors
    }

    func testCheckPrintsTheSameDiff() throws {
        try compareRuns(script(users: 300, ending: ["publish"])) { ["check", $0] }
    }

    func testAPublishGivesTheSameConfiguration() throws {
        try compareRuns(script(users: 300, ending: ["publish comment bulk"])) { [$0] }
    }

    func testAnInvalidPublishGivesTheSameErrors() throws {
        let text = script(
            users: 300,
            ending: [
                // V10 twice for each user (no cell phone, no SMS channel), and V3 for each
                // method left naming the deleted service: errors from windows far apart.
                "set manage-accounts-and-storage user-accounts user u2 portwise-authentication notification sms",
                "set manage-accounts-and-storage user-accounts user u297 portwise-authentication notification sms",
                "delete manage-system authentication-services", "publish",
            ])
        let errors = try compareRuns(text) { [$0] }
        XCTAssertTrue(errors.contains("validation failed: 7 errors"), errors)
        try compareRuns(text) { ["check", $0] }
    }

    func testAFailingLineLeavesTheSame() throws {
        try compareRuns(script(users: 50, ending: ["set manage-accounts-and-storage user-accounts user u1 no-such-leaf 1", "publish"])) { [$0] }
    }
}
