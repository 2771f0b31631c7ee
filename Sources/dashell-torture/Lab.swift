import Foundation
import Synchronization

/// A temporary folder with a store, the `dashell` under test, and the checks every run ends
/// with: the store opens, SQLite finds it intact, history is consistent, every revision has
/// its audit record and the audit chain verifies.
struct Lab {
    let dashell: String
    let directory: String
    var store: String { directory + "/store.sqlite" }
    private static let sequence = Counter()

    init(dashell: String) throws {
        self.dashell = dashell
        directory = NSTemporaryDirectory() + "dashell-torture-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts `dashell --store … --user USER ARGUMENTS`.
    func start(_ arguments: [String], user: String = "torture", name: String? = nil, environment: [String: String] = [:]) throws -> Child {
        try Child(
            dashell, ["--store", store, "--user", user] + arguments, name: name ?? "run\(Self.sequence.next())", directory: directory,
            environment: ["HOME": directory, "NO_COLOR": "1"].merging(environment) { $1 })
    }

    /// Runs `dashell` to its end (within `timeout`).
    func run(_ arguments: [String], user: String = "torture", timeout: TimeInterval = 120) throws -> Child.Exit {
        try start(arguments, user: user).wait(timeout: timeout)
    }

    /// Writes a file in the lab folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The published configuration as `dashell export --format json` prints it.
    func exportText() throws -> String {
        let exit = try run(["export", "--format", "json"])
        guard exit.code == 0 else { throw TortureError("export failed (\(exit)): \(exit.errors)") }
        return exit.output
    }

    /// The published configuration, parsed.
    func exportJSON() throws -> NSDictionary {
        try Self.parse(try exportText())
    }

    static func parse(_ text: String) throws -> NSDictionary {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary else {
            throw TortureError("export is not a JSON object")
        }
        return object
    }

    /// One SQL query through the sqlite3 command-line tool: an opinion independent of dashell.
    func sql(_ query: String) throws -> String {
        let child = try Child("/usr/bin/env", ["sqlite3", "-batch", store, query], name: "sqlite3", directory: directory)
        let exit = try child.wait(timeout: 120)
        guard exit.code == 0 else { throw TortureError("sqlite3 '\(query)' failed (\(exit)): \(exit.errors)") }
        return exit.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// SQLite's own check, then history: revisions 1…N without a gap, every change row
    /// belonging to a revision, every revision with changes. Returns N.
    func checkIntegrity() throws -> Int {
        let integrity = try sql("PRAGMA integrity_check")
        guard integrity == "ok" else { throw TortureError("integrity_check: \(integrity)") }
        let counts = try sql("SELECT COUNT(*), IFNULL(MAX(id), 0) FROM revision").split(separator: "|").compactMap { Int($0) }
        guard counts.count == 2, counts[0] == counts[1] else { throw TortureError("revision ids have gaps: count|max = \(counts)") }
        let orphans = try sql("SELECT COUNT(*) FROM change WHERE revision NOT IN (SELECT id FROM revision)")
        guard orphans == "0" else { throw TortureError("\(orphans) change rows without a revision") }
        let empty = try sql("SELECT COUNT(*) FROM revision WHERE id NOT IN (SELECT revision FROM change)")
        guard empty == "0" else { throw TortureError("\(empty) revisions without change rows") }
        // A revision and its audit record commit together, and the chain holds.
        let unaudited = try sql("SELECT COUNT(*) FROM revision WHERE id NOT IN (SELECT revision FROM audit WHERE action = 'publish' AND revision IS NOT NULL)")
        guard unaudited == "0" else { throw TortureError("\(unaudited) revisions without their audit record") }
        let verified = try run(["audit", "verify"])
        guard verified.code == 0 else { throw TortureError("audit verify failed (\(verified)): \(verified.errors)") }
        return counts[0]
    }

    /// What `show history` says the latest revision is, through dashell itself.
    func latestRevisionShown() throws -> Int {
        let exit = try run(["--json", "-c", "status"])
        guard exit.code == 0 else { throw TortureError("status failed (\(exit)): \(exit.errors)") }
        guard let document = try JSONSerialization.jsonObject(with: Data(exit.output.utf8)) as? [String: Any],
            let result = document["result"] as? [String: Any], let latest = result["latest"] as? Int
        else {
            throw TortureError("status --json has no latest revision: \(exit.output)")
        }
        return latest
    }
}

/// A thread-safe counter for unique names.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int {
        value.add(1, ordering: .relaxed).newValue
    }
}

/// Prints a line at once (the torture's output is read while it runs).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

extension NSDictionary {
    /// The value at a dotted path of keys (keys may hold dashes, never dots).
    func dig(_ path: String) -> Any? {
        var current: Any? = self
        for key in path.split(separator: ".") { current = (current as? NSDictionary)?[String(key)] }
        return current
    }
}
