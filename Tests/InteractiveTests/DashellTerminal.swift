import Foundation
import TerminalTesting
import XCTest

/// `dashell` on a pseudo-terminal, in a temporary home (no real ~/.editrc, its own history
/// file) with its own store, as a person at a keyboard uses it.
struct DashellTerminal {
    static let prompt = "tester@dashell> "

    let home: String
    /// An SQLite file in the home, unless another store is given.
    let store: String

    init(store: String? = nil) throws {
        home = NSTemporaryDirectory() + "dashell-pty-" + UUID().uuidString
        self.store = store ?? home + "/store.sqlite"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    var environment: [String: String] {
        var environment = [
            "HOME": home, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
            "PAGER": "cat", "SWIFT_BACKTRACE": "enable=no",
        ]
        // Sanitizer settings (scripts/check-sanitizers) reach the shell under test.
        for (name, value) in ProcessInfo.processInfo.environment where name.hasSuffix("SAN_OPTIONS") { environment[name] = value }
        return environment
    }

    /// Starts the shell and waits for its first prompt.
    func start() throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(Self.binary, arguments: ["--store", store, "--user", "tester"], environment: environment, columns: 100, rows: 40)
        try terminal.expect("tester@dashell")
        return terminal
    }

    /// Runs commands without a terminal, to prepare or inspect the store.
    @discardableResult
    func script(_ commands: String) throws -> String {
        try run(["--user", "tester", "-c", commands])
    }

    /// Runs dashell with `arguments` on the store, without a terminal; returns its stdout.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--store", store] + arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static var binary: String {
        var url = Bundle.main.bundleURL
        while !FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("dashell").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("dashell").path
    }
}
