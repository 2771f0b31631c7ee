import Foundation
import XCTest

/// Small runs of `scripts/torture` against the built dashell: SIGKILL at random instants
/// during publishes and candidate saves, and several processes publishing at once; on
/// SQLite, and on PostgreSQL in a throwaway cluster each torture starts itself (and the crash
/// torture also restarts, `pg_ctl stop -m immediate`, at random instants).
final class TortureTests: XCTestCase {
    private func torture(_ arguments: [String], timeout: TimeInterval = 900) throws -> (status: Int32, output: String) {
        let binary = URL(fileURLWithPath: Dashell.binary).deletingLastPathComponent().appendingPathComponent("dashell-torture").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [arguments[0], "--dashell", Dashell.binary] + arguments.dropFirst()
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let log = NSTemporaryDirectory() + "dashell-torture-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = process.standardOutput
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("torture \(arguments[0]) still running after \(Int(timeout)) s")
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self))
    }

    func testKillAtRandomInstantsLeavesOldOrNewRevision() throws {
        let result = try torture(["crash", "--runs", "30", "--users", "2000"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("runs 30,"), result.output)
        XCTAssertTrue(result.output.contains("failures 0"), result.output)
    }

    func testConcurrentPublishersMergeConflictAndWait() throws {
        let result = try torture(["concurrent", "--processes", "4", "--rounds", "3", "--conflicts", "2"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("all merged"), result.output)
        XCTAssertTrue(result.output.contains("failures 0"), result.output)
    }

    func testKillsAndServerRestartsOnPostgreSQLLeaveOldOrNewRevision() throws {
        let result = try torture(["crash", "--store", "postgresql", "--runs", "16", "--users", "1000"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("runs 16,"), result.output)
        XCTAssertTrue(result.output.contains("server restarts"), result.output)
        XCTAssertTrue(result.output.contains("failures 0"), result.output)
    }

    func testConcurrentAdministratorsOnPostgreSQL() throws {
        let result = try torture(["concurrent", "--store", "postgresql", "--processes", "4", "--rounds", "3", "--conflicts", "2"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("(4 administrators)"), result.output)
        XCTAssertTrue(result.output.contains("all merged"), result.output)
        XCTAssertTrue(result.output.contains("failures 0"), result.output)
    }
}
