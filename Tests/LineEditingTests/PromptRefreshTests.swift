import Foundation
import XCTest

/// A prompt that changes while a line is typed (`PromptRefresh`): redrawn at once, longer or
/// shorter, with the typed text and the cursor kept.
final class PromptRefreshTests: XCTestCase {
    func testAChangedPromptIsRedrawnWithTheTypedLine() throws {
        let session = try DemoSession()
        defer { session.removeHome() }
        let fifo = session.home + "/prompts"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let terminal = try session.start(prompts: fifo)
        let prompts = try XCTUnwrap(FileHandle(forWritingAtPath: fifo))
        defer { try? prompts.close() }

        try terminal.send("show")
        try terminal.expect("show")
        prompts.write(Data("a longer prompt> ".utf8))
        try terminal.expect("a longer prompt> ")
        XCTAssertEqual(terminal.screenLines().last, "a longer prompt> show")
        prompts.write(Data("p> ".utf8))
        try terminal.expect("p> ")
        XCTAssertEqual(terminal.screenLines().last, "p> show")
        // The cursor is still at the end of the line.
        try terminal.send("x\r")
        try terminal.expect("LINE:showx")
    }
}
