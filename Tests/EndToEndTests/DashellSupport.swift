import Foundation
import XCTest

/// Helpers shared by the command, pipe, exit-code, JSON and round-trip tests.
extension Dashell {
    /// Runs `-c` commands and expects success.
    @discardableResult
    func ok(_ commands: String, _ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try run(extra + ["-c", commands])
        XCTAssertEqual(result.status, 0, "stdout: \(result.output)\nstderr: \(result.errors)", file: file, line: line)
        return result
    }

    /// Runs `-c` commands and expects the given exit status.
    @discardableResult
    func fails(_ commands: String, status: Int32 = 1, _ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try run(extra + ["-c", commands])
        XCTAssertEqual(result.status, status, "stdout: \(result.output)\nstderr: \(result.errors)", file: file, line: line)
        return result
    }

    /// The published configuration as a JSON object.
    func published(includeSecrets: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try run(["export", "--format", "json"] + (includeSecrets ? ["--include-secrets"] : []))
        XCTAssertEqual(result.status, 0, result.errors, file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], file: file, line: line)
    }

    /// The number of published revisions.
    func revisionCount() throws -> Int {
        let history = try run("-c", "show history")
        XCTAssertEqual(history.status, 0, history.errors)
        return history.outputLines.filter { !$0.isEmpty }.count
    }

    /// Starts the binary without waiting for it; output goes to files named after `tag`.
    func start(_ arguments: [String], tag: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--store", store, "--user", "tester"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = directory
        env["SWIFT_BACKTRACE"] = "enable=no"
        env.removeValue(forKey: "DASHELL_STORE")
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        FileManager.default.createFile(atPath: directory + "/.\(tag).out", contents: nil)
        FileManager.default.createFile(atPath: directory + "/.\(tag).err", contents: nil)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: directory + "/.\(tag).out")
        process.standardError = FileHandle(forWritingAtPath: directory + "/.\(tag).err")
        try process.run()
        return process
    }

    func output(of tag: String) -> (out: String, err: String) {
        let out = FileManager.default.contents(atPath: directory + "/.\(tag).out") ?? Data()
        let err = FileManager.default.contents(atPath: directory + "/.\(tag).err") ?? Data()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// Makes a FIFO in the temporary folder; a script that sources it blocks until the test closes it.
    func makeFIFO(_ name: String) throws -> String {
        let path = directory + "/" + name
        XCTAssertEqual(mkfifo(path, 0o600), 0, String(cString: strerror(errno)))
        return path
    }

    /// Waits until `process` has the FIFO open for reading; closing the returned descriptor
    /// releases it. Fails if the process ends first or never opens it.
    func waitForReader(_ fifo: String, of process: Process, timeout: TimeInterval = 60) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { return descriptor }
            guard process.isRunning else {
                struct EndedEarly: Error { let errors: String }
                throw EndedEarly(errors: "the process ended before reading \(fifo)")
            }
            guard Date() < deadline else {
                process.terminate()
                struct NeverRead: Error {}
                throw NeverRead()
            }
            usleep(10_000)
        }
    }
}

extension Process {
    /// Waits until the process has a handler for SIGINT (Linux: the SigCgt mask of /proc/PID/status).
    func waitUntilCatchingInterrupts(timeout: TimeInterval = 60) {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning, Date() < deadline {
            let status = (try? String(contentsOfFile: "/proc/\(processIdentifier)/status", encoding: .utf8)) ?? ""
            if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
                let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16),
                mask & (1 << (UInt64(SIGINT) - 1)) != 0
            {
                return
            }
            usleep(5_000)
        }
    }
}

/// Digs into a JSON export: `value(json, "manage-system", "certificates")`.
func value(_ object: Any?, _ keys: String...) -> Any? {
    var current = object
    for key in keys {
        guard let dictionary = current as? [String: Any] else { return nil }
        current = dictionary[key]
    }
    return current
}

/// Paths used throughout, spelled out once.
enum P {
    static let global = "manage-system distribution-services global-settings"
    static let dns = global + " external-dns-name"
    static let port = global + " external-port"
    static let email = "manage-system notification-channels email"
    static let users = "manage-accounts-and-storage user-accounts"
    static let methods = "manage-system authentication-methods"
    static let servers = "manage-system authentication-services"
    static let cas = "manage-system certificates"
}

/// JSON values compared as canonical text (sorted keys), so that `true` and `1` differ and
/// nested dictionaries compare whole.
func assertJSON(_ actual: Any?, _ expected: Any, file: StaticString = #filePath, line: UInt = #line) {
    func canonical(_ object: Any?) -> String {
        guard let object, JSONSerialization.isValidJSONObject([object]) else { return "\(String(describing: object))" }
        let data = try? JSONSerialization.data(withJSONObject: [object], options: [.sortedKeys, .fragmentsAllowed])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }
    XCTAssertEqual(canonical(actual), canonical(expected), file: file, line: line)
}
