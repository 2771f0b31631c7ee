import ConfigModel
import ConfigStore
import ConfigStoreSQLite
import DigitalAccess
import Foundation
import ShellCore

/// `crash`: publishes of large and small candidates (some large ones spilled to the store),
/// and a user's candidate being saved,
/// killed with SIGKILL at random instants. After each run the store must open, pass
/// `PRAGMA integrity_check`, hold exactly the old or the new revision (never a mix), keep
/// every acknowledged publish, and keep the persisted candidates whole.
struct CrashTorture {
    struct Options {
        var runs = 1000
        var users = 20_000
        var seed: UInt64 = UInt64(Date().timeIntervalSince1970)
        var verbose = false
    }

    /// What the published configuration should be: generated, so that the expected export is
    /// known before each run.
    struct Model: Hashable {
        /// The generation of the large block of users: their display names and e-mails.
        var generation = 0
        /// The small change: the external port, and an e-mail host named after it.
        var port = 1000

        var extraUsers: Bool { generation % 2 == 1 }
    }

    enum Operation: String, CaseIterable {
        /// A script publishing a change to every user, creating or deleting an extra block.
        case large
        /// The same, its candidate spilled to the store past a tenth of its records, and so
        /// published window by window.
        case spilled
        /// A `-c` publishing two leaves.
        case small
        /// A user's candidate saved with thousands of edits in one command (no publish).
        case candidate
    }

    let options: Options
    let lab: Lab
    var random: SplitMix64
    var model = Model()
    var revisions = 0
    /// Bob's candidate: the generation of the display names it holds.
    var bobGeneration = 0
    var durations: [Operation: TimeInterval] = [:]
    var aliceDigest = ""
    /// Export texts already found equal to a model's expected configuration: comparing the
    /// text is enough when the same state is exported again. Only recent states are kept.
    var verifiedExports: [Model: String] = [:]
    var tally: [String: Int] = ["runs": 0, "kills": 0, "completed": 0, "failures": 0, "old": 0, "new": 0]

    init(options: Options, dashell: String) throws {
        self.options = options
        lab = try Lab(dashell: dashell)
        random = SplitMix64(seed: options.seed)
    }

    var bobUsers: Int { max(10, options.users / 4) }

    // MARK: Expected state

    static func userKey(_ index: Int, prefix: String = "u") -> String {
        prefix + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index)
    }

    func expectedExport(_ model: Model) -> NSDictionary {
        var users: [String: Any] = [:]
        for index in 0..<options.users {
            users[Self.userKey(index)] = ["display-name": "g\(model.generation) user \(index)", "email": "u\(index)@g\(model.generation).example"]
        }
        if model.extraUsers {
            for index in 0..<options.users / 4 { users[Self.userKey(index, prefix: "x")] = ["display-name": "extra \(index)"] }
        }
        let config: [String: Any] = [
            "manage-system": [
                "distribution-services": ["global-settings": ["external-port": model.port]],
                "notification-channels": ["email": ["host": "h\(model.port).example"]],
            ],
            "manage-accounts-and-storage": ["user-accounts": ["user": users]],
        ]
        return config as NSDictionary
    }

    // MARK: Inputs

    func largeScript(for model: Model) -> String {
        var lines = ["# generation \(model.generation)", "edit manage-accounts-and-storage user-accounts"]
        lines.reserveCapacity(options.users * 2 + options.users / 4 + 4)
        for index in 0..<options.users {
            let key = Self.userKey(index)
            lines.append("set user \(key) display-name \"g\(model.generation) user \(index)\"")
            lines.append("set user \(key) email u\(index)@g\(model.generation).example")
        }
        for index in 0..<options.users / 4 {
            let key = Self.userKey(index, prefix: "x")
            lines.append(model.extraUsers ? "set user \(key) display-name \"extra \(index)\"" : "delete user \(key)")
        }
        lines.append("publish comment \"generation \(model.generation)\"")
        return lines.joined(separator: "\n") + "\n"
    }

    func smallCommands(for model: Model) -> String {
        "set manage-system distribution-services global-settings external-port \(model.port); "
            + "set manage-system notification-channels email host h\(model.port).example; publish comment \"port \(model.port)\""
    }

    func bobFile(generation: Int) -> String {
        (0..<bobUsers).map { "set manage-accounts-and-storage user-accounts user \(Self.userKey($0, prefix: "b")) display-name \"bob g\(generation) \($0)\"" }
            .joined(separator: "\n") + "\n"
    }

    // MARK: Running

    mutating func run() throws -> Bool {
        defer { lab.remove() }
        say("torture crash: \(options.runs) runs, \(options.users) users, seed \(options.seed), store \(lab.store)")
        try setUp()
        for run in 1...max(1, options.runs) {
            let operation = pick()
            do {
                try runOnce(operation, number: run)
            } catch {
                tally["failures", default: 0] += 1
                say("run \(run) (\(operation.rawValue)): FAILURE: \(error)")
                // The state is unknown from here on: stop rather than report noise.
                break
            }
            if run % 50 == 0, !options.verbose { progress(run) }
        }
        summary()
        return tally["failures"] == 0
    }

    private mutating func pick() -> Operation {
        switch random.next() % 10 {
        case 0..<2: .large
        case 2..<4: .spilled
        case 4..<8: .small
        default: .candidate
        }
    }

    /// The first large and small publishes and Bob's first candidate, unkilled, measure how long
    /// each operation takes; Alice's candidate is saved once and must never change after.
    private mutating func setUp() throws {
        for operation in Operation.allCases {
            let next = advanced(model, by: operation)
            let started = Date()
            let exit = try start(operation, next).wait(timeout: 600)
            durations[operation] = Date().timeIntervalSince(started)
            guard exit.code == 0 else { throw TortureError("set-up \(operation.rawValue) failed (\(exit)): \(exit.errors)") }
            commit(operation, next)
        }
        let alice = try Session(
            store: SQLiteStore.open(at: lab.store, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all), mode: .interactive,
            options: Session.Options(user: "alice"),
            console: CapturingConsole(), source: "interactive")
        try alice.execute(line: "set manage-system certificates certificate-authority ca-alice subject \"CN=Alice, O=Torture\"")
        try alice.execute(line: "set manage-system authentication-methods method alice-m display-name \"Alice's method\"")
        try alice.execute(line: "delete manage-accounts-and-storage user-accounts user u00001 email")
        aliceDigest = try candidateDigest("alice")
        guard aliceDigest.split(separator: "\n").count == 4 else { throw TortureError("alice's candidate was not saved: \(aliceDigest)") }
        revisions = try lab.checkIntegrity()
        say(
            String(
                format: "set-up: large publish %.2f s (spilled %.2f s), small publish %.2f s, candidate save %.2f s; %d revisions",
                durations[.large]!, durations[.spilled]!, durations[.small]!, durations[.candidate]!, revisions))
    }

    private func advanced(_ model: Model, by operation: Operation) -> Model {
        var next = model
        switch operation {
        case .large, .spilled: next.generation += 1
        case .small: next.port += 1
        case .candidate: break
        }
        return next
    }

    private mutating func commit(_ operation: Operation, _ next: Model) {
        if operation == .candidate { bobGeneration += 1 } else { revisions += 1 }
        model = next
    }

    private func start(_ operation: Operation, _ next: Model) throws -> Child {
        switch operation {
        case .large:
            return try lab.start([try lab.write("large-\(next.generation).dash", largeScript(for: next))])
        case .spilled:
            return try lab.start(
                [try lab.write("large-\(next.generation).dash", largeScript(for: next))],
                environment: ["DASHELL_SPILL_THRESHOLD": String(max(2, options.users / 10))])
        case .small:
            return try lab.start(["-c", smallCommands(for: next)])
        case .candidate:
            let file = try lab.write("bob-\(bobGeneration + 1).dash", bobFile(generation: bobGeneration + 1))
            let me = URL(fileURLWithPath: CommandLine.arguments[0]).path
            return try Child(me, ["save-candidate", lab.store, "bob", file], name: "bob", directory: lab.directory)
        }
    }

    private mutating func runOnce(_ operation: Operation, number: Int) throws {
        let next = advanced(model, by: operation)
        let before = model
        let walBefore = walSize()
        let child = try start(operation, next)
        // A third of the kills at any instant, a third near the end, and a third aimed at the
        // transaction: once the write-ahead log starts growing, within the next 0–30 ms.
        let fraction = Double(random.next() % 10_000) / 10_000
        let started = Date()
        switch random.next() % 3 {
        case 0:
            usleep(UInt32(durations[operation]! * fraction * 1.15 * 1_000_000))
        case 1:
            usleep(UInt32(durations[operation]! * (0.7 + fraction * 0.4) * 1_000_000))
        default:
            while walSize() <= walBefore, !child.hasExited, Date().timeIntervalSince(started) < durations[operation]! * 3 {
                usleep(500)
            }
            usleep(UInt32(fraction * 30_000))
        }
        let delay = Date().timeIntervalSince(started)
        child.kill()
        let exit = try child.wait(timeout: 600)
        let wroteBeforeKill = walSize() > walBefore
        tally["runs", default: 0] += 1
        if exit.wasKilled {
            tally["kills", default: 0] += 1
        } else {
            tally["completed", default: 0] += 1
            guard exit.code == 0 else { throw TortureError("unkilled \(operation.rawValue) ended with \(exit): \(exit.errors)") }
        }
        let acknowledged = exit.output.contains("Published revision") || (operation == .candidate && exit.output.contains("saved"))

        // The store opens and is intact; history is whole.
        let count = try lab.checkIntegrity()
        let shown = try lab.latestRevisionShown()
        guard shown == count else { throw TortureError("dashell reports revision \(shown), the revision table holds \(count)") }

        // Exactly the old or the new published configuration, and the new one if acknowledged.
        let exported = try lab.exportText()
        let isNew: Bool
        switch count {
        case revisions where operation != .candidate:
            guard !acknowledged else { throw TortureError("revision \(revisions + 1) was acknowledged but is missing") }
            try verify(exported, equals: before, "revision count unchanged but the configuration is not the old one")
            isNew = false
        case revisions + 1 where operation != .candidate:
            try verify(exported, equals: next, "revision \(count) published but the configuration is not the new one")
            isNew = true
        case revisions where operation == .candidate:
            try verify(exported, equals: before, "a candidate save changed the published configuration")
            isNew = try checkBob(acknowledged: acknowledged)
        default:
            throw TortureError("\(count) revisions after a run that started with \(revisions)")
        }
        // Alice's candidate, saved once, is untouched.
        let alice = try candidateDigest("alice")
        guard alice == aliceDigest else { throw TortureError("alice's persisted candidate changed:\n\(alice)\nwas:\n\(aliceDigest)") }

        tally[isNew ? "new" : "old", default: 0] += 1
        if exit.wasKilled {
            // Where the kill landed: before anything was written, while the transaction was
            // writing (the WAL changed, the old state stands), or after the commit.
            tally[isNew ? "killed after commit" : wroteBeforeKill ? "killed while writing" : "killed before writing", default: 0] += 1
        }
        if isNew { commit(operation, next) }
        if options.verbose {
            say(
                "run \(number): \(operation.rawValue), \(exit.wasKilled ? "killed" : "completed") after \(String(format: "%.3f", delay)) s → \(isNew ? "new" : "old") (\(count) revisions)"
            )
        }
    }

    /// The export equals the expected configuration of `model`, compared as parsed JSON the
    /// first time and as text (equal to a text already verified) after.
    private mutating func verify(_ exported: String, equals model: Model, _ failure: String) throws {
        if let known = verifiedExports[model], known == exported { return }
        let expected = expectedExport(model)
        let actual = try Lab.parse(exported)
        guard actual == expected else { throw TortureError(failure + describeMismatch(actual, expected)) }
        verifiedExports = verifiedExports.filter { abs($0.key.generation - model.generation) <= 1 && abs($0.key.port - model.port) <= 1 }
        verifiedExports[model] = exported
    }

    /// Bob's candidate holds one generation of display names throughout, never a mix.
    /// Returns whether it is the new generation.
    private func checkBob(acknowledged: Bool) throws -> Bool {
        let store = try SQLiteStore.open(at: lab.store, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let candidate = try store.candidate(for: "bob")
        var generations: [Int: Int] = [:]
        for index in 0..<bobUsers {
            let path = ConfigPath(
                schemaWords: ["manage-accounts-and-storage", "user-accounts", "user", Self.userKey(index, prefix: "b"), "display-name"],
                schema: DigitalAccessSchema.root)
            let value = try candidate.value(at: path) ?? "missing"
            let generation = value.split(separator: " ").dropFirst().first.flatMap { Int($0.dropFirst()) } ?? -1
            generations[generation, default: 0] += 1
        }
        guard generations.count == 1, let generation = generations.keys.first else {
            throw TortureError("bob's candidate is a mix of generations: \(generations.sorted { $0.key < $1.key })")
        }
        guard generation == bobGeneration || generation == bobGeneration + 1 else {
            throw TortureError("bob's candidate holds generation \(generation), expected \(bobGeneration) or \(bobGeneration + 1)")
        }
        if acknowledged, generation != bobGeneration + 1 { throw TortureError("bob's acknowledged candidate was lost") }
        return generation == bobGeneration + 1
    }

    /// The size of the store's write-ahead log. Between runs the last connection to close
    /// has checkpointed and removed it; opening writes nothing; so it grows only when a
    /// transaction writes pages.
    private func walSize() -> Int {
        var status = stat()
        guard stat(lab.store + "-wal", &status) == 0 else { return 0 }
        return Int(status.st_size)
    }

    private func candidateDigest(_ user: String) throws -> String {
        try lab.sql(
            """
            SELECT 'base ' || base FROM candidate WHERE user = '\(user)'
            UNION ALL SELECT * FROM (SELECT quote(key) || ' ' || quote(base) || ' ' || quote(new) FROM candidate_record WHERE user = '\(user)' ORDER BY key)
            """)
    }

    private func describeMismatch(_ actual: NSDictionary, _ expected: NSDictionary) -> String {
        var notes: [String] = []
        for key in Set((actual.allKeys + expected.allKeys).compactMap { $0 as? String }).sorted() {
            let a = actual[key] as? NSDictionary, e = expected[key] as? NSDictionary
            if a != e {
                notes.append(
                    "\(key): \(a.map { "\($0.description.prefix(300))" } ?? "absent") vs expected \(e.map { "\($0.description.prefix(300))" } ?? "absent")")
            }
        }
        return notes.isEmpty ? "" : ":\n  " + notes.joined(separator: "\n  ")
    }

    private func progress(_ run: Int) {
        say("… \(run) runs: \(tally["kills"]!) killed, \(tally["completed"]!) completed; \(tally["old"]!) old, \(tally["new"]!) new; \(revisions) revisions")
    }

    private func summary() {
        say(
            "kills: \(tally["killed before writing", default: 0]) before writing, \(tally["killed while writing", default: 0]) while writing, "
                + "\(tally["killed after commit", default: 0]) after the commit")
        say(
            "torture crash: runs \(tally["runs"]!), kills \(tally["kills"]!), completed \(tally["completed"]!), "
                + "old state \(tally["old"]!), new state \(tally["new"]!), revisions \(revisions), failures \(tally["failures"]!)")
    }
}

/// Saves `FILE`'s set lines into USER's persisted candidate as one command, the way the
/// interactive shell saves after every command; the crash torture kills it at random.
func saveCandidate(store path: String, user: String, file: String) throws {
    let session = try Session(
        store: SQLiteStore.open(at: path, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all), mode: .interactive,
        options: Session.Options(user: user),
        console: CapturingConsole(), source: "interactive")
    try session.execute(line: "load merge \"\(file)\"")
    say("candidate saved")
}
