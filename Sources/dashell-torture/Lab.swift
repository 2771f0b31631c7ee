import Foundation
import Synchronization

/// A temporary folder, a store (`TortureStore`), the `dashell` under test, and the checks
/// every run ends with: the store opens, its engine finds it intact, history is consistent,
/// every revision has its audit record and the audit chain verifies.
final class Lab {
    let dashell: String
    let directory: String
    let store: any TortureStore
    private static let sequence = Counter()

    /// `store`: as `--store` gives it (see `makeStore`).
    init(dashell: String, store given: String?) throws {
        self.dashell = dashell
        directory = NSTemporaryDirectory() + "dashell-torture-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        do {
            store = try makeStore(given, directory: directory, dashell: dashell)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        Cleanup.register { [store, directory] in
            store.remove()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    func remove() {
        store.remove()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts `dashell --store … ARGUMENTS` as `user`.
    func start(_ arguments: [String], user: String = "admin", name: String? = nil, environment: [String: String] = [:]) throws -> Child {
        try Child(
            dashell, store.arguments(user: user) + arguments, name: name ?? "run\(Self.sequence.next())", directory: directory,
            environment: ["HOME": directory, "NO_COLOR": "1"].merging(environment) { $1 })
    }

    /// Runs `dashell` to its end (within `timeout`).
    func run(_ arguments: [String], user: String = "admin", timeout: TimeInterval = 120) throws -> Child.Exit {
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

    /// The store's own integrity check and history's (see `TortureStore.checkIntegrity`),
    /// then the audit chain, as `audit verify` recomputes it.
    func checkIntegrity(thorough: Bool = false) throws -> Int {
        let revisions = try store.checkIntegrity(thorough: thorough)
        let verified = try run(["audit", "verify"])
        guard verified.code == 0 else { throw TortureError("audit verify failed (\(verified)): \(verified.errors)") }
        return revisions
    }

    /// What `status` says the latest revision is, through dashell itself.
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

/// What must be undone if the torture is interrupted (SIGINT, SIGTERM): a server it
/// started, the folders it made.
enum Cleanup {
    private static let actions = Mutex<[@Sendable () -> Void]>([])

    static func register(_ action: @escaping @Sendable () -> Void) {
        actions.withLock { $0.append(action) }
    }

    /// Runs the registered actions once, on SIGINT or SIGTERM, then exits 130 or 143.
    static func onSignals() {
        for signal in [SIGINT, SIGTERM] {
            Glibc.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler {
                let pending = actions.withLock { actions in
                    defer { actions = [] }
                    return actions
                }
                for action in pending { action() }
                exit(128 + signal)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Kept for as long as the process runs; set once, at its start, before any other thread.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
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
