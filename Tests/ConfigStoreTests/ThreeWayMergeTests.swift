import ConfigModel
import XCTest

@testable import ConfigStore

final class ThreeWayMergeTests: XCTestCase {
    let key = RecordKey(encoded: "k")

    func testDifferentLeavesMerge() {
        let result = ThreeWayMerge.merge(key, base: Record(["a": "1", "b": "1"]), mine: Record(["a": "2", "b": "1"]), theirs: Record(["a": "1", "b": "3"]))
        XCTAssertEqual(result.record, Record(["a": "2", "b": "3"]))
        XCTAssertTrue(result.conflicts.isEmpty)
    }

    func testSameLeafDifferentValuesConflicts() {
        let result = ThreeWayMerge.merge(key, base: Record(["a": "1"]), mine: Record(["a": "2"]), theirs: Record(["a": "3"]))
        XCTAssertEqual(result.conflicts.map(\.path), ["k a"])
    }

    func testSameLeafSameValueDoesNotConflict() {
        let result = ThreeWayMerge.merge(key, base: Record(["a": "1"]), mine: Record(["a": "2"]), theirs: Record(["a": "2"]))
        XCTAssertEqual(result.record, Record(["a": "2"]))
        XCTAssertTrue(result.conflicts.isEmpty)
    }

    func testDeleteAgainstChangeConflictsBothWays() {
        XCTAssertEqual(ThreeWayMerge.merge(key, base: Record(["a": "1"]), mine: nil, theirs: Record(["a": "2"])).conflicts.count, 1)
        XCTAssertEqual(ThreeWayMerge.merge(key, base: Record(["a": "1"]), mine: Record(["a": "2"]), theirs: nil).conflicts.count, 1)
    }

    func testEntryCreatedOnBothSidesMergesLeafByLeaf() {
        let result = ThreeWayMerge.merge(key, base: nil, mine: Record(["a": "1"]), theirs: Record(["b": "2"]))
        XCTAssertEqual(result.record, Record(["a": "1", "b": "2"]))
        XCTAssertTrue(result.conflicts.isEmpty)
    }
}
