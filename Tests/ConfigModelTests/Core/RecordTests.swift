import XCTest

@testable import ConfigModel

final class RecordTests: XCTestCase {
    func testEncodingRoundTripsAwkwardValues() {
        let record = Record([
            "display-name": "Alice \"Al\" O'Brien \\ $HOME",
            "email-message": "Dear user,\nyour code is ready.\n",
            "redirect-text": "Redirecting to Smart ID…",
            "subject": "CN=Ünïcødé CA, O=例え, C=SE 😀",
            "cell-phone": "",
            "tabs": "a\tb",
            "portwise-authentication notification": "email",
        ])
        XCTAssertEqual(Record(encoded: record.encoded), record)
    }

    func testEmptyRecordRoundTrips() {
        XCTAssertEqual(Record().encoded, "")
        XCTAssertEqual(Record(encoded: ""), Record())
        XCTAssertEqual(Record(encoded: Record(["a": ""]).encoded), Record(["a": ""]))
    }

    func testEncodingDoesNotDependOnInsertionOrder() {
        var forward = Record(), backward = Record()
        let names = (0..<20).map { "leaf-\($0)" }
        for name in names { forward[name] = name.uppercased() }
        for name in names.reversed() { backward[name] = name.uppercased() }
        XCTAssertEqual(forward.encoded, backward.encoded)
    }

    func testEncodedFormIsNameUnitSeparatorValueRecordSeparator() {
        XCTAssertEqual(Record(["port": "25", "host": "smtp"]).encoded, "host\u{1F}smtp\u{1E}port\u{1F}25\u{1E}")
    }

    func testSettingReplacingAndUnsettingKeepLeavesSortedAndEqualityByContent() {
        var record = Record()
        record["m"] = "1"
        record["a"] = "2"
        record["z"] = "3"
        record["m"] = "4"
        XCTAssertEqual(record.names, ["a", "m", "z"])
        XCTAssertEqual(record["m"], "4")
        record["a"] = nil
        record["absent"] = nil
        XCTAssertEqual(record.names, ["m", "z"])
        XCTAssertEqual(record, Record(["z": "3", "m": "4"]))
        XCTAssertEqual(Set([record, Record(["m": "4", "z": "3"])]).count, 1)
    }

    func testRemovingLeavesByName() {
        var record = Record(["notification": "email", "notification sms": "x", "email": "a@b.se"])
        XCTAssertTrue(record.removeLeaves { $0.hasPrefix("notification") })
        XCTAssertEqual(record, Record(["email": "a@b.se"]))
        XCTAssertFalse(record.removeLeaves { $0 == "absent" })
    }

    func testAnEncodingOutOfOrderIsReadBackInOrderLastValueWinning() {
        let record = Record(encoded: "port\u{1F}25\u{1E}host\u{1F}smtp\u{1E}port\u{1F}26\u{1E}")
        XCTAssertEqual(record, Record(["host": "smtp", "port": "26"]))
        XCTAssertEqual(record.encoded, "host\u{1F}smtp\u{1E}port\u{1F}26\u{1E}")
    }
}
