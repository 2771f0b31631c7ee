import XCTest

@testable import ConfigModel
@testable import ConfigStore

final class AbsentKeysTests: XCTestCase {
    private func key(_ id: String) -> RecordKey { RecordKey(StoreFixture.user(id, "")) }

    func testAStretchCoversFromItsKeyUpToTheNextRecord() {
        var absent = AbsentKeys()
        absent.insert(from: key("b"), upTo: key("d"))
        XCTAssertFalse(absent.contains(key("a")))
        XCTAssertTrue(absent.contains(key("b")))
        XCTAssertTrue(absent.contains(key("c")))
        XCTAssertTrue(absent.contains(key("c9")))
        XCTAssertFalse(absent.contains(key("d")), "the next record is there")
        XCTAssertFalse(absent.contains(key("e")))
    }

    func testAStretchWithoutNextRecordRunsToTheEnd() {
        var absent = AbsentKeys()
        absent.insert(from: key("m"), upTo: nil)
        XCTAssertTrue(absent.contains(key("z")))
        XCTAssertTrue(absent.contains(RecordKey(StoreFixture.dnsName)), "keys past the users")
        XCTAssertFalse(absent.contains(key("l")))
    }

    func testStretchesStayApartAndALaterOneReplacesThoseInsideIt() {
        var absent = AbsentKeys()
        absent.insert(from: key("k"), upTo: key("n"))
        absent.insert(from: key("b"), upTo: key("d"))
        absent.insert(from: key("x"), upTo: nil)
        XCTAssertTrue(absent.contains(key("c")))
        XCTAssertTrue(absent.contains(key("l")))
        XCTAssertFalse(absent.contains(key("e")))
        XCTAssertTrue(absent.contains(key("y")))
        // Learnt from the same gap, from before `k`: it takes the place of [k, n).
        absent.insert(from: key("h"), upTo: key("n"))
        XCTAssertTrue(absent.contains(key("i")))
        XCTAssertTrue(absent.contains(key("m")))
        XCTAssertFalse(absent.contains(key("n")))
        absent.removeAll()
        XCTAssertFalse(absent.contains(key("c")))
    }
}
