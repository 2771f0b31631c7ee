import XCTest

@testable import LineEditing

final class CandidateListingTests: XCTestCase {
    private func names(_ count: Int) -> [Candidate] {
        (1...count).map { Candidate("w\($0)") }
    }

    func testFillsColumnsTopToBottom() {
        let lines = CandidateListing.lines(names(5), width: 12, height: 24)
        XCTAssertEqual(lines, ["w1  w3  w5", "w2  w4"])
    }

    func testOneColumnWhenNamesAreWiderThanTheTerminal() {
        let lines = CandidateListing.lines([Candidate("abcdef"), Candidate("g")], width: 4, height: 24)
        XCTAssertEqual(lines, ["abcdef", "g"])
    }

    func testStopsAtOneScreenful() {
        let lines = CandidateListing.lines(names(30), width: 2, height: 5)
        XCTAssertEqual(lines, ["w1", "w2", "w3", "… and 27 more"])
    }

    func testDescriptionsGetOneLineEachAligned() {
        let candidates = [Candidate("show", description: "Show it"), Candidate("set", description: "Set it"), Candidate("x")]
        XCTAssertEqual(CandidateListing.lines(candidates, width: 80, height: 24), ["show  Show it", "set   Set it", "x"])
    }

    func testDescriptionLinesAreCutAtTheTerminalWidth() {
        let lines = CandidateListing.lines([Candidate("a", description: "long description")], width: 8, height: 24)
        XCTAssertEqual(lines, ["a  long"])
    }

    func testListsTheDisplayText() {
        let lines = CandidateListing.lines([Candidate("\"Manage System\" ", display: "\"Manage System\"")], width: 80, height: 24)
        XCTAssertEqual(lines, ["\"Manage System\""])
    }
}
