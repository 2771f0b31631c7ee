import ConfigModel
import DigitalAccess
import XCTest

@testable import ShellCore

final class DiffOnTwoThreadsTests: XCTestCase {
    func testALargeChangeRenderedOnTwoThreadsGivesTheSameLinesInTheSameOrder() throws {
        let users = (0..<(DiffRenderer.window * 2 + DiffRenderer.splitThreshold + 1)).map { index in
            RecordChange(
                key: RecordKey(ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user", "u\(index)"])),
                old: index % 3 == 0 ? Record(["email": "old\(index)@example.com"]) : nil,
                new: Record(["display-name": "User \(index)", "email": "u\(index)@example.com"]))
        }
        let changes = ChangeSet(users).changes
        let renderer = DiffRenderer(schema: DigitalAccessSchema.root)
        var oneThread: [String] = [], twoThreads: [String] = []
        try renderer.render(changes) { oneThread.append($0) }
        try renderer.renderOnTwoThreads(changes) { twoThreads.append($0) }
        XCTAssertGreaterThan(oneThread.count, changes.count * 3)
        XCTAssertEqual(twoThreads, oneThread)
    }
}
