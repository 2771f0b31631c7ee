import XCTest

@testable import ConfigModel
@testable import ConfigStore

final class EditLogTests: XCTestCase {
    private func key(_ index: Int) -> RecordKey { RecordKey(StoreFixture.user("u\(index)", "")) }
    private func edit(_ value: String) -> EditLog.Edit { EditLog.Edit(base: nil, new: Record(["email": value])) }

    func testEditsComeInTheOrderTheirKeysWereFirstEdited() {
        var log = EditLog()
        log.set(key(3), edit("a"), command: -1)
        log.set(key(1), edit("b"), command: -1)
        log.set(key(3), edit("c"), command: -1)  // a change keeps its place
        log.set(key(2), edit("d"), command: -1)
        XCTAssertEqual(log.ordered.map(\.key), [key(3), key(1), key(2)])
        XCTAssertEqual(log.ordered.first?.edit, edit("c"))
    }

    func testAKeyEditedAwayAndAgainComesOnceInItsNewPlace() {
        var log = EditLog()
        log.set(key(1), edit("a"), command: -1)
        log.set(key(2), edit("b"), command: -1)
        log.set(key(1), nil, command: -1)
        log.set(key(1), edit("c"), command: -1)
        XCTAssertEqual(log.ordered.map(\.key), [key(2), key(1)])
        log.sortKeys()
        XCTAssertEqual(log.replacements(after: "", inclusive: true, below: "\u{10FFFF}", limit: 10).map(\.key), [key(1), key(2)].sorted())
    }

    func testManyEditsAwayAndBackKeepTheOrderRight() {
        // Past the point where the places of removed keys are dropped, more than once.
        var log = EditLog()
        for index in 0..<10 { log.set(key(index), edit("first"), command: -1) }
        for round in 0..<5_000 {
            let index = round % 10
            log.set(key(index), nil, command: -1)
            log.set(key(index), edit("round \(round)"), command: -1)
        }
        let expected = (0..<10).map { key((5_000 + $0) % 10) }
        XCTAssertEqual(log.ordered.map(\.key), expected)
        XCTAssertEqual(log.ordered.last?.edit, edit("round 4999"))
    }

    func testOverASpillADroppedEditIsKeptAsDropped() {
        var plain = EditLog(), overSpill = EditLog(masksSpill: true)
        for index in 0..<2 {
            plain.set(key(index), edit("a"), command: 0)
            overSpill.set(key(index), edit("a"), command: 0)
        }
        plain.set(key(1), nil, command: 1)
        overSpill.set(key(1), nil, command: 1)
        guard case .unknown = plain.lookup(key(1)) else { return XCTFail("a dropped edit is forgotten") }
        guard case .unedited = overSpill.lookup(key(1)) else { return XCTFail("over a spill, a dropped edit hides the spilled one") }
        guard case (.unedited, true) = overSpill.lookup(key(1), command: 1) else { return XCTFail("the command that dropped it is known") }
        overSpill.sortKeys()
        XCTAssertEqual(overSpill.replacements(after: "", inclusive: true, below: "\u{10FFFF}", limit: 10).map(\.key), [key(0)])
        XCTAssertEqual(overSpill.sorted().map(\.key), [key(0), key(1)].sorted())
        XCTAssertNil(overSpill.sorted().first { $0.key == key(1) }!.edit)
        XCTAssertEqual(overSpill.count, 2)
    }
}
