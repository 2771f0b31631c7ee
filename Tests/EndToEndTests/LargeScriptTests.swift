import Foundation
import XCTest

/// Scripts longer than a few megabytes are read a segment at a time: they must run, fail
/// and report exactly as if read whole.
final class LargeScriptTests: XCTestCase {
    private static let set = "set manage-system distribution-services global-settings"

    /// About 17 MB of comment lines, with a command continued over three lines every 97
    /// lines, and one whose first line ends just before the first 4 MiB read of the file
    /// ends, so that the first segment must end before that command.
    private func largeScript(ending last: String) -> (text: String, lines: Int) {
        let comment = "# " + String(repeating: "x", count: 998)
        let firstRead = 4 << 20
        var lines = ["\(Self.set) external-dns-name first.example.com"]
        var size = lines[0].utf8.count + 1
        func add(_ line: String) {
            lines.append(line)
            size += line.utf8.count + 1
        }
        for index in 0..<17_000 {
            if size < firstRead, size + 1_001 > firstRead - 100 {
                // Padded so that the line break after it is the last one the first read holds.
                add("\(Self.set)" + String(repeating: " ", count: firstRead - size - Self.set.utf8.count - 3) + "\\")
                add("  external-port \\")
                add("  1999")
            } else if index.isMultiple(of: 97) {
                add("\(Self.set) \\")
                add("  external-port \\")
                add("  \(1_000 + index % 60_000)")
            } else {
                add(comment)
            }
        }
        add(last)
        return (lines.joined(separator: "\n") + "\n", lines.count)
    }

    func testALargeScriptFailsAtItsLastLineAsIfReadWhole() throws {
        let dashell = try Dashell()
        let (text, count) = largeScript(ending: "\(Self.set) external-port 70000")
        XCTAssertGreaterThan(text.utf8.count, 16 << 20)
        let script = try dashell.write("large.dash", text)
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 1, result.errors)
        XCTAssertEqual(
            result.errorLines.first,
            "large.dash:\(count):71: error: manage-system distribution-services global-settings external-port: 70000 is out of range 1–65535")
    }

    func testALargeScriptRunsWholeAndPublishes() throws {
        let dashell = try Dashell()
        let script = try dashell.write("large.dash", largeScript(ending: "publish").text)
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 0, result.errors)
        let port = 1_000 + (16_975 % 60_000)  // the last continued command: index 16,975 = 175 × 97
        XCTAssertEqual(
            try dashell.run("export").output,
            "\(Self.set) external-dns-name first.example.com\n\(Self.set) external-port \(port)\n")
    }

    func testABadByteAtTheEndOfALargeScriptRunsNoLineOfIt() throws {
        let dashell = try Dashell()
        var data = Data(largeScript(ending: "publish").text.utf8)
        data.append(contentsOf: [0xFF, 0x0A])
        let path = dashell.directory + "/bad.dash"
        try data.write(to: URL(fileURLWithPath: path))
        let result = try dashell.run(path)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.errors.contains("invalid UTF-8"), result.errors)
        XCTAssertEqual(try dashell.run("show", "history").output, "", "the publish on the line before the bad byte never ran")
    }
}
