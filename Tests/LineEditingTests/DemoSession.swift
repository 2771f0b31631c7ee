import Foundation
import TerminalTesting
import XCTest

/// The `line-editor-demo` program on a pseudo-terminal, in a temporary home
/// folder (so no real ~/.editrc applies) with its history file there.
struct DemoSession {
    static let prompt = "demo> "

    let home: String
    var historyPath: String { home + "/history" }

    init() throws {
        home = NSTemporaryDirectory() + "line-editor-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    /// Starts the demo and waits for its first prompt; `prompts`: a FIFO whose texts become
    /// the prompt.
    func start(columns: UInt16 = 80, prompts: String? = nil) throws -> PseudoTerminal {
        var environment = [
            "HOME": home,
            "TERM": "xterm",
            "LANG": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
            "SWIFT_BACKTRACE": "enable=no",
        ]
        environment["DEMO_PROMPTS"] = prompts
        // Sanitizer settings (scripts/check-sanitizers) reach the program under test.
        for (name, value) in ProcessInfo.processInfo.environment where name.hasSuffix("SAN_OPTIONS") { environment[name] = value }
        let terminal = try PseudoTerminal(Self.binary, arguments: [historyPath], environment: environment, columns: columns)
        try terminal.expect(Self.prompt)
        return terminal
    }

    /// Enters a line and waits for the demo to echo it back.
    func enter(_ line: String, in terminal: PseudoTerminal) throws {
        try terminal.send(line + "\r")
        try terminal.expect("LINE:\(line)\r\n")
    }

    func removeHome() {
        try? FileManager.default.removeItem(atPath: home)
    }

    /// The demo binary in the build folder, found from the test bundle upwards.
    static var binary: String {
        var url = Bundle.main.bundleURL
        while !FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("line-editor-demo").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("line-editor-demo").path
    }
}
