import Foundation
import XCTest

/// Hostile and mistaken input: one clear error naming the place, the right exit code, no
/// crash, and nothing changed in the store.
final class BadInputTests: XCTestCase {
    private func assertRefused(_ text: Data, status: Int32 = 1, mentions: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let dashell = try Dashell()
        let path = dashell.directory + "/input.dash"
        try text.write(to: URL(fileURLWithPath: path))
        let result = try dashell.run("input.dash")
        XCTAssertEqual(result.status, status, result.errors, file: file, line: line)
        XCTAssertTrue(result.errors.contains(mentions), result.errors, file: file, line: line)
        XCTAssertEqual(try dashell.run("-c", "show history").output, "", "nothing published", file: file, line: line)
    }

    func testUnknownCommand() throws {
        try assertRefused(Data("frobnicate now\n".utf8), mentions: "input.dash:1:1: error: unknown command 'frobnicate'")
    }

    func testUnknownPath() throws {
        try assertRefused(Data("set manage-system nothing-here 1\n".utf8), mentions: "input.dash:1:19: error: unknown keyword 'nothing-here'")
    }

    func testAmbiguousPrefixListsCandidates() throws {
        try assertRefused(Data("show man\n".utf8), mentions: "could be manage-system, manage-accounts-and-storage")
    }

    func testWrongValueType() throws {
        try assertRefused(Data("set manage-system notification-channels email enabled maybe\n".utf8), mentions: "is not a boolean")
    }

    func testUnterminatedQuote() throws {
        try assertRefused(
            Data("set manage-accounts-and-storage user-accounts user a display-name \"Ann\n".utf8), mentions: "input.dash:1:67: error: unterminated")
    }

    func testInvalidUTF8() throws {
        try assertRefused(Data([0x73, 0x65, 0x74, 0x0A, 0xFF, 0xFE, 0x0A]), mentions: "input.dash:2: invalid UTF-8")
    }

    func testBinaryGarbage() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let dashell = try Dashell()
        try Data(bytes).write(to: URL(fileURLWithPath: dashell.directory + "/g.dash"))
        let result = try dashell.run("g.dash")
        XCTAssertEqual(result.status, 1, result.errors)
        XCTAssertTrue(result.errors.hasPrefix("g.dash:"), result.errors)
    }

    func testTenMegabyteLine() throws {
        let dashell = try Dashell()
        let line = "set manage-accounts-and-storage user-accounts user a display-name " + String(repeating: "x", count: 10 << 20) + " extra\n"
        try Data(line.utf8).write(to: URL(fileURLWithPath: dashell.directory + "/big.dash"))
        let result = try dashell.run("big.dash")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.hasPrefix("big.dash:1:"), String(result.errors.prefix(300)))
        XCTAssertLessThan(result.errors.utf8.count, 2000, "the echoed source line is cut")
    }

    func testMissingFileAndDirectory() throws {
        let dashell = try Dashell()
        let missing = try dashell.run("missing.dash")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.errors.contains("missing.dash") && missing.errors.contains("no such file"), missing.errors)
        try FileManager.default.createDirectory(atPath: dashell.directory + "/dir.dash", withIntermediateDirectories: true)
        let directory = try dashell.run("dir.dash")
        XCTAssertEqual(directory.status, 1)
        XCTAssertTrue(directory.errors.contains("is a directory"), directory.errors)
    }

    func testScriptThatSourcesItselfIsRefused() throws {
        let dashell = try Dashell()
        let script = try dashell.write("self.dash", "set manage-system distribution-services global-settings external-port 8443\nsource self.dash\n")
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.contains("self.dash:2:8: error: self.dash is already being run"), result.errors)
    }

    func testErrorInSourcedFileNamesBothFiles() throws {
        let dashell = try Dashell()
        _ = try dashell.write("inner.dash", "\nset manage-system bogus 1\n")
        let outer = try dashell.write("outer.dash", "top\nsource inner.dash\n")
        let result = try dashell.run(outer)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.hasPrefix("inner.dash:2:19: error:"), result.errors)
        XCTAssertTrue(result.errors.contains("included from outer.dash:2"), result.errors)
    }
}
