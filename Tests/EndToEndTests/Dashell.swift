import Foundation
import XCTest

/// Runs the built `dashell` binary against a temporary store, as a user or a CI job would.
struct Dashell {
    struct Result {
        let status: Int32
        let output: String
        let errors: String

        var outputLines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(output.hasSuffix("\n") ? 1 : 0) }
        var errorLines: [String] { errors.split(separator: "\n").map(String.init) }
    }

    let directory: String
    /// The `--store` location: an SQLite file in the temporary folder, or a server's URI.
    let store: String

    /// A temporary folder holding an empty store, as a user has after the first run; without
    /// `existingStore`, no store yet, for the tests of how one comes to exist.
    init(existingStore: Bool = true) throws {
        directory = NSTemporaryDirectory() + "dashell-e2e-" + UUID().uuidString
        store = directory + "/store.sqlite"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if existingStore {
            let empty = try Self.emptyStore.get()
            guard FileManager.default.createFile(atPath: store, contents: empty, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
        }
    }

    /// A temporary folder to run in, on the store at `location` (a PostgreSQL database's URI).
    init(store location: String) throws {
        directory = NSTemporaryDirectory() + "dashell-e2e-" + UUID().uuidString
        store = location
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The file of an empty store, made once by `dashell store init` and copied for each test:
    /// a new store is announced on stderr, which would otherwise come first in every test's
    /// first run (StoreLocationTests checks that notice).
    private static let emptyStore = Swift.Result<Data, any Error> {
        let dashell = try Dashell(existingStore: false)
        let result = try dashell.run(["store", "init"])
        guard result.status == 0, let file = FileManager.default.contents(atPath: dashell.store) else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "dashell store init: \(result.errors)"])
        }
        return file
    }

    /// The binary next to the test bundle in the build folder.
    static var binary: String {
        var url = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("dashell").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("dashell").path
    }

    /// The repository's top folder, for the example scripts.
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    @discardableResult
    func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:], withStore: Bool = true) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = (withStore ? ["--store", store, "--user", "tester"] : []) + arguments
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = directory
        env["XDG_DATA_HOME"] = directory + "/data"
        env["SWIFT_BACKTRACE"] = "enable=no"
        env.removeValue(forKey: "DASHELL_STORE")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        // Output goes to files, so that a large output can never block the process.
        let outPath = directory + "/.stdout", errPath = directory + "/.stderr"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let outData = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self), errors: String(decoding: errData, as: UTF8.self))
    }

    func run(_ arguments: String...) throws -> Result { try run(arguments) }

    /// Writes a script file in the temporary folder and returns its name (relative, as a user types it).
    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        return name
    }

    func exportJSON() throws -> Any {
        let result = try run("export", "--format", "json")
        XCTAssertEqual(result.status, 0, result.errors)
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }
}
