@testable import ConfigModel
import XCTest

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
}
