import XCTest

@testable import ConfigModel
@testable import ConfigStore

final class EditLogTests: XCTestCase {
    private func key(_ index: Int) -> RecordKey { RecordKey(StoreFixture.user("u\(index)", "")) }
    private func edit(_ value: String) -> EditLog.Edit { EditLog.Edit(base: nil, new: Record(["email": value])) }

    func testEditsComeInTheOrderTheirKeysWereFirstEdited() {
        var log = EditLog()
        log[key(3)] = edit("a")
        log[key(1)] = edit("b")
        log[key(3)] = edit("c")  // a change keeps its place
        log[key(2)] = edit("d")
        XCTAssertEqual(log.ordered.map(\.key), [key(3), key(1), key(2)])
        XCTAssertEqual(log.ordered.first?.edit, edit("c"))
    }

    func testAKeyEditedAwayAndAgainComesOnceInItsNewPlace() {
        var log = EditLog()
        log[key(1)] = edit("a")
        log[key(2)] = edit("b")
        log[key(1)] = nil
        log[key(1)] = edit("c")
        XCTAssertEqual(log.ordered.map(\.key), [key(2), key(1)])
        log.sortKeys()
        XCTAssertEqual(Array(log.replacedKeys(from: "", below: "\u{10FFFF}")), [key(1), key(2)].sorted())
    }

    func testManyEditsAwayAndBackKeepTheOrderRight() {
        // Past the point where the places of removed keys are dropped, more than once.
        var log = EditLog()
        for index in 0..<10 { log[key(index)] = edit("first") }
        for round in 0..<5_000 {
            let index = round % 10
            log[key(index)] = nil
            log[key(index)] = edit("round \(round)")
        }
        let expected = (0..<10).map { key((5_000 + $0) % 10) }
        XCTAssertEqual(log.ordered.map(\.key), expected)
        XCTAssertEqual(log.ordered.last?.edit, edit("round 4999"))
    }
}
