import Foundation
import TerminalTesting
import XCTest

/// `dashell` on a pseudo-terminal, in a temporary home (no real ~/.editrc, its own history
/// file) with its own store, as a person at a keyboard uses it.
struct DashellTerminal {
    static let prompt = "tester@store> "

    /// The prompt's `USER@STORE` for this store: `store` for the SQLite file, `local/DB` for
    /// a PostgreSQL database over a Unix socket.
    var user: String {
        guard store.hasPrefix("postgresql://"), let uri = URLComponents(string: store) else { return "tester@store" }
        return "tester@local/" + uri.path.dropFirst()
    }

    let home: String
    /// The `--store` location: an SQLite file in the home folder unless told otherwise.
    let store: String

    init(store location: String? = nil) throws {
        home = NSTemporaryDirectory() + "dashell-pty-" + UUID().uuidString
        store = location ?? home + "/store.sqlite"
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
        try terminal.expect(user)
        return terminal
    }

    /// Runs commands without a terminal, to prepare or inspect the store.
    @discardableResult
    func script(_ commands: String) throws -> String {
        try run(["-c", commands]).output
    }

    /// Runs dashell without a terminal, as `user` (nil: no `--user`).
    func run(_ arguments: [String], user: String? = "tester") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--store", store] + (user.map { ["--user", $0] } ?? []) + arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var binary: String {
        var url = Bundle.main.bundleURL
        while !FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("dashell").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("dashell").path
    }
}
