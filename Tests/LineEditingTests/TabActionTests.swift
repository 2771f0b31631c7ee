import XCTest

@testable import LineEditing

final class TabActionTests: XCTestCase {
    private func action(_ texts: [String], typed: String, replacing: Int? = nil, isRepeat: Bool = false) -> TabAction {
        let completion = Completion(replaceLength: replacing ?? typed.count, candidates: texts.map { Candidate($0) })
        return TabAction(completion, textBeforeCursor: typed, isRepeat: isRepeat)
    }

    func testNoCandidateBeeps() {
        XCTAssertEqual(action([], typed: "x"), .beep)
    }

    func testUniqueCandidateReplacesAndAddsASpace() {
        XCTAssertEqual(action(["show"], typed: "sh"), .replace(scalars: 2, with: "show "))
    }

    func testCandidateDecidesAboutTheSpace() {
        let completion = Completion(replaceLength: 1, candidates: [Candidate("\"Manage ", appendsSpace: false)])
        XCTAssertEqual(TabAction(completion, textBeforeCursor: "\"", isRepeat: false), .replace(scalars: 1, with: "\"Manage "))
        XCTAssertFalse(Candidate("a b ").appendsSpace)
    }

    func testSeveralCandidatesExtendToTheirCommonPrefix() {
        XCTAssertEqual(action(["status", "state"], typed: "s"), .replace(scalars: 1, with: "stat"))
    }

    func testNothingToAddBeepsFirstThenLists() {
        XCTAssertEqual(action(["shell", "show"], typed: "sh"), .beep)
        XCTAssertEqual(action(["shell", "show"], typed: "sh", isRepeat: true), .list([Candidate("shell"), Candidate("show")]))
    }

    func testAShorterPrefixNeverDeletesTypedText() {
        // Candidates matched otherwise than by prefix: "Man" would lose "sys".
        XCTAssertEqual(action(["Manage System", "Manual"], typed: "mansys"), .beep)
    }

    func testReplacementCountsUnicodeScalarsForLibedit() {
        // "é" as e + combining acute: one character, two scalars.
        XCTAssertEqual(action(["café"], typed: "cafe\u{301}"), .replace(scalars: 5, with: "café "))
    }

    func testReplacesOnlyTheGivenSpan() {
        XCTAssertEqual(action(["show"], typed: "set sh", replacing: 2), .replace(scalars: 2, with: "show "))
    }
}
