import Foundation
import XCTest

/// Hostile input beyond BadInputTests: each gets one clear message, the right exit code,
/// and leaves the store as it was.
final class HostileInputTests: XCTestCase {
    private let seed = "set manage-system distribution-services global-settings external-dns-name ag.example.com; publish"

    /// A store with one revision, and its exported configuration.
    private func seeded() throws -> (Dashell, String) {
        let dashell = try Dashell()
        XCTAssertEqual(try dashell.run("-c", seed).status, 0)
        return (dashell, try dashell.run("export").output)
    }

    private func assertUnchanged(_ dashell: Dashell, _ export: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try dashell.run("export").output, export, "the published configuration is unchanged", file: file, line: line)
        let history = try dashell.run("-c", "show history")
        XCTAssertEqual(history.outputLines.count, 1, "no revision was added: \(history.output)", file: file, line: line)
    }

    func testNULBytesInAScript() throws {
        let (dashell, export) = try seeded()
        var script = Data("set manage-system distribution-services global-settings external-port 8443\n".utf8)
        script += Data("set manage-system distribution-services global-settings external-dns-name a".utf8) + Data([0]) + Data("b.example.com\npublish\n".utf8)
        try script.write(to: URL(fileURLWithPath: dashell.directory + "/nul.dash"))
        let result = try dashell.run("nul.dash")
        XCTAssertEqual(result.status, 1, result.errors)
        XCTAssertTrue(result.errors.hasPrefix("nul.dash:2:76: error: unexpected NUL character"), result.errors)
        XCTAssertFalse(result.errors.contains("\0"), "the NUL is not echoed raw")
        XCTAssertEqual(result.errorLines[1], "set manage-system distribution-services global-settings external-dns-name a\u{2400}b.example.com")
        XCTAssertEqual(result.errorLines[2], String(repeating: " ", count: 75) + "^")
        try assertUnchanged(dashell, export)
    }

    func testNULInCommandLine() throws {
        let (dashell, export) = try seeded()
        // A NUL cannot be an argument; through stdin it reaches the lexer.
        let result = try dashell.run([], stdin: Data("show\0\npublish\n".utf8))
        XCTAssertEqual(result.status, 1, result.errors)
        XCTAssertTrue(result.errors.hasPrefix("<stdin>:1:5: error: unexpected NUL character"), result.errors)
        try assertUnchanged(dashell, export)
    }

    /// 100,000 quotes, alternately `"'"` and `'"'`, all adjacent: one word of 50,000 quote
    /// characters, read in linear time.
    func testHundredThousandAdjacentQuotes() throws {
        let (dashell, export) = try seeded()
        let quotes = String(repeating: "\"'\"'\"'", count: 100_000 / 6) + "\"\"''"
        XCTAssertEqual(quotes.filter { $0 == "\"" || $0 == "'" }.count, 100_000)
        let script = try dashell.write(
            "quotes.dash",
            "set manage-accounts-and-storage user-accounts user q display-name \(quotes)\nshow manage-accounts-and-storage user-accounts user q | count\n")
        let started = Date()
        let result = try dashell.run(script)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        XCTAssertEqual(result.status, 0, String(result.errors.prefix(500)))
        XCTAssertTrue(result.errors.contains("1 unpublished change discarded"), String(result.errors.prefix(500)))
        try assertUnchanged(dashell, export)
    }

    /// The same, with one quote left open: an error at the quote that opens the unterminated
    /// piece, not a hang or a crash.
    func testHundredThousandQuotesOneUnterminated() throws {
        let (dashell, export) = try seeded()
        let quotes = String(repeating: "\"'\"", count: 33_333) + "\""
        let script = try dashell.write("open.dash", "set manage-accounts-and-storage user-accounts user q display-name \(quotes)\npublish\n")
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.hasPrefix("open.dash:1:"), String(result.errors.prefix(300)))
        XCTAssertTrue(result.errors.contains("error: unterminated double quote"), String(result.errors.prefix(300)))
        XCTAssertLessThan(result.errors.utf8.count, 2000, "the echoed line is cut")
        try assertUnchanged(dashell, export)
    }

    /// Deeply nested escapes inside one double-quoted word: `"\\\"…"`.
    func testDeeplyNestedEscapedQuotes() throws {
        let (dashell, export) = try seeded()
        let word = "\"" + String(repeating: "\\\\\\\"", count: 50_000) + "\""
        let script = try dashell.write("nested.dash", "set manage-accounts-and-storage user-accounts user q display-name \(word)\n")
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 0, String(result.errors.prefix(300)))
        try assertUnchanged(dashell, export)
    }

    /// Tests run as root, for whom file modes do not stop reading; these paths are unreadable
    /// for anyone: one through a regular file, and a file whose read fails.
    func testUnreadableScripts() throws {
        let (dashell, export) = try seeded()
        _ = try dashell.write("plain.dash", "show\n")
        let through = try dashell.run("plain.dash/inner.dash")
        XCTAssertEqual(through.status, 1)
        XCTAssertTrue(through.errors.contains("cannot read plain.dash/inner.dash: a part of the path is not a directory"), through.errors)
        XCTAssertEqual(through.errorLines.count, 1, through.errors)

        // Reading /proc/self/mem from offset 0 fails (EIO): a file that exists and cannot be read.
        let failing = try dashell.run("/proc/self/mem")
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.errors.contains("cannot read /proc/self/mem"), failing.errors)

        // Loading or sourcing one is refused the same way, at the word naming it.
        let load = try dashell.run("-c", "load merge plain.dash/inner.dash")
        XCTAssertEqual(load.status, 1)
        XCTAssertTrue(
            load.errors.hasPrefix("<command-line>:1:12: error: cannot read plain.dash/inner.dash: a part of the path is not a directory"), load.errors)
        try assertUnchanged(dashell, export)
    }

    func testStoreDirectoryThatCannotBeCreated() throws {
        let dashell = try Dashell()
        let blocker = dashell.directory + "/blocker"
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: blocker))
        let store = blocker + "/sub/store.sqlite"
        let result = try dashell.run(["--store", store, "store", "init"], withStore: false)
        XCTAssertEqual(result.status, 5)
        XCTAssertTrue(result.errors.contains("cannot create store directory \(blocker)"), result.errors)
        XCTAssertTrue(result.errors.contains("a file of that name is in the way"), result.errors)
        XCTAssertEqual(try String(contentsOfFile: blocker, encoding: .utf8), "not a directory", "nothing written")
    }

    func testTruncatedStore() throws {
        let dashell = try Dashell()
        // Enough data for many pages, so that cutting the file loses some.
        let users = (0..<2000).map { "set manage-accounts-and-storage user-accounts user u\($0) display-name \"User number \($0)\"" }
        XCTAssertEqual(try dashell.run(try dashell.write("users.dash", users.joined(separator: "\n") + "\npublish\n")).status, 0)
        let size = try FileManager.default.attributesOfItem(atPath: dashell.store)[.size] as! Int
        XCTAssertGreaterThan(size, 64 * 1024)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dashell.store))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        let truncated = try Data(contentsOf: URL(fileURLWithPath: dashell.store))

        for arguments in [
            ["-c", "show manage-system"], ["export"], ["-c", "set manage-system distribution-services global-settings external-port 8443; publish"],
        ] {
            let result = try dashell.run(arguments)
            XCTAssertEqual(result.status, 5, "\(arguments): \(result.errors)")
            XCTAssertTrue(result.errors.contains(dashell.store), result.errors)
            XCTAssertTrue(result.errors.contains("damaged") || result.errors.contains("truncated"), result.errors)
            XCTAssertTrue(result.errors.contains("restore from a backup"), result.errors)
            XCTAssertEqual(result.errorLines.count, 1, result.errors)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dashell.store)), truncated, "nothing written")
    }

    func testStoreFromANewerFormatVersion() throws {
        let (dashell, _) = try seeded()
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", dashell.store, "PRAGMA user_version = 7"]
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertEqual(sqlite.terminationStatus, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: dashell.store))

        for arguments in [["-c", "show"], ["export"], ["-c", "set manage-system distribution-services global-settings external-port 8443; publish"]] {
            let result = try dashell.run(arguments)
            XCTAssertEqual(result.status, 5, "\(arguments): \(result.errors)")
            XCTAssertEqual(
                result.errors, "dashell: error: store \(dashell.store) has format version 7, newer than this dashell understands (2); use a newer dashell\n")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dashell.store)), before, "nothing written")
    }
}
