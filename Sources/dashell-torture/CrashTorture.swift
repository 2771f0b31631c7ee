import ConfigModel
import ConfigStore
import DigitalAccess
import Foundation
import ShellCore

/// `crash`: publishes of large and small candidates (some large ones spilled to the store),
/// and a user's candidate being saved, killed with SIGKILL at random instants; on a
/// PostgreSQL server the torture started, half the runs instead stop the server at once
/// (`pg_ctl stop -m immediate`) at a random instant and start it again. After each run the
/// store must open, pass its engine's integrity check, hold exactly the old or the new
/// revision (never a mix), keep every acknowledged publish, and keep the persisted
/// candidates whole.
struct CrashTorture {
    struct Options {
        var runs = 1000
        var users = 20_000
        var seed: UInt64 = UInt64(Date().timeIntervalSince1970)
        var verbose = false
        /// As `--store` gives it (see `makeStore`).
        var store: String?
    }

    /// What ends a run early.
    enum Crash: String {
        /// SIGKILL to the client.
        case client
        /// The server stopped at once and started again; the client lives on.
        case server
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
    var tally: [String: Int] = ["runs": 0, "kills": 0, "restarts": 0, "completed": 0, "failures": 0, "old": 0, "new": 0]

    init(options: Options, dashell: String) throws {
        self.options = options
        lab = try Lab(dashell: dashell, store: options.store)
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
        say("torture crash: \(options.runs) runs, \(options.users) users, seed \(options.seed), store \(lab.store.description)")
        try setUp()
        for run in 1...max(1, options.runs) {
            let operation = pick()
            let crash: Crash = lab.store.canRestartServer && random.next() % 2 == 0 ? .server : .client
            do {
                try runOnce(operation, crash, number: run)
                // The slower checks now and then, and after the last run.
                if run % 25 == 0 || run == options.runs { _ = try lab.checkIntegrity(thorough: true) }
            } catch {
                tally["failures", default: 0] += 1
                say("run \(run) (\(operation.rawValue), \(crash.rawValue) crash): FAILURE: \(error)")
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
        // Alice's session ends here, and its connection with it.
        do {
            let alice = try Session(
                store: lab.store.open(user: "alice"), mode: .interactive, options: Session.Options(user: lab.store.identity("alice")),
                console: CapturingConsole(), source: "interactive")
            try alice.execute(line: "set manage-system certificates certificate-authority ca-alice subject \"CN=Alice, O=Torture\"")
            try alice.execute(line: "set manage-system authentication-methods method alice-m display-name \"Alice's method\"")
            try alice.execute(line: "delete manage-accounts-and-storage user-accounts user u00001 email")
        }
        aliceDigest = try lab.store.candidateDigest(lab.store.identity("alice"))
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
            return try Child(
                me, ["save-candidate", lab.store.location(user: "bob"), lab.store.identity("bob"), file], name: "bob", directory: lab.directory,
                environment: ["HOME": lab.directory])
        }
    }

    private mutating func runOnce(_ operation: Operation, _ crash: Crash, number: Int) throws {
        let next = advanced(model, by: operation)
        let before = model
        let markBefore = try lab.store.writeMark()
        let child = try start(operation, next)
        // A third of the crashes at any instant, a third near the end, and a third aimed at
        // the transaction: once it starts writing, within the next 0–30 ms.
        let fraction = Double(random.next() % 10_000) / 10_000
        let started = Date()
        // Whether the transaction was seen writing: watched until the crash.
        var sawWriting = false
        func watch(until deadline: Date) throws {
            repeat {
                if !sawWriting { sawWriting = try lab.store.isWriting(since: markBefore) }
                usleep(sawWriting ? 2_000 : 500)
            } while Date() < deadline && !child.hasExited
        }
        switch random.next() % 3 {
        case 0:
            try watch(until: started.addingTimeInterval(durations[operation]! * fraction * 1.15))
        case 1:
            try watch(until: started.addingTimeInterval(durations[operation]! * (0.7 + fraction * 0.4)))
        default:
            let giveUp = started.addingTimeInterval(durations[operation]! * 3)
            while !sawWriting, !child.hasExited, Date() < giveUp {
                sawWriting = try lab.store.isWriting(since: markBefore)
                if !sawWriting { usleep(500) }
            }
            usleep(UInt32(fraction * 30_000))
        }
        let delay = Date().timeIntervalSince(started)
        let restarted = crash == .server && !child.hasExited
        switch crash {
        case .client: child.kill()
        case .server: try lab.store.restartServer()
        }
        let exit = try child.wait(timeout: 600)
        let wroteBeforeCrash = try sawWriting || lab.store.isWriting(since: markBefore)
        try lab.store.settle()
        tally["runs", default: 0] += 1
        if exit.wasKilled {
            tally["kills", default: 0] += 1
        } else if restarted {
            tally["restarts", default: 0] += 1
            // The client lost its server: it says so and exits 5 (the helper saving Bob's
            // candidate, 1), unless it had finished.
            let lost: Int32 = operation == .candidate ? 1 : 5
            guard exit.code == 0 || exit.code == lost else {
                throw TortureError("\(operation.rawValue) whose server restarted ended with \(exit), expected 0 or \(lost): \(exit.errors)")
            }
            // dashell names the store and libpq's error on stderr; the helper prints its error.
            let said = operation == .candidate ? exit.output.contains("dashell-torture: ") : exit.errors.contains("error: ")
            if exit.code == lost, !said { throw TortureError("\(operation.rawValue) lost its server without a word: \(exit.errors)") }
            if exit.code == lost, options.verbose {
                say("  \(operation.rawValue): \((exit.errors + exit.output).trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            tally[exit.code == 0 ? "completed despite the restart" : "lost the server", default: 0] += 1
        } else {
            tally["completed", default: 0] += 1
            guard exit.code == 0 else { throw TortureError("uncrashed \(operation.rawValue) ended with \(exit): \(exit.errors)") }
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
        let alice = try lab.store.candidateDigest(lab.store.identity("alice"))
        guard alice == aliceDigest else { throw TortureError("alice's persisted candidate changed:\n\(alice)\nwas:\n\(aliceDigest)") }

        tally[isNew ? "new" : "old", default: 0] += 1
        if exit.wasKilled || restarted {
            // Where the crash landed: before anything was written, while the transaction was
            // writing (seen writing, see `TortureStore.isWriting`; the old state stands), or
            // after the commit.
            tally[isNew ? "after commit" : wroteBeforeCrash ? "while writing" : "before writing", default: 0] += 1
        }
        if isNew { commit(operation, next) }
        if options.verbose {
            let what = exit.wasKilled ? "killed" : restarted ? "server restarted (\(exit))" : "completed"
            say(
                "run \(number): \(operation.rawValue), \(what) after \(String(format: "%.3f", delay)) s → \(isNew ? "new" : "old") (\(count) revisions)"
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
        let store = try lab.store.open(user: "admin")
        let candidate = try store.candidate(for: lab.store.identity("bob"))
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
        let restarts = lab.store.canRestartServer ? ", \(tally["restarts"]!) server restarts" : ""
        say(
            "… \(run) runs: \(tally["kills"]!) killed\(restarts), \(tally["completed"]!) completed; \(tally["old"]!) old, \(tally["new"]!) new; "
                + "\(revisions) revisions")
    }

    private func summary() {
        say(
            "crashes: \(tally["before writing", default: 0]) before writing, \(tally["while writing", default: 0]) while writing, "
                + "\(tally["after commit", default: 0]) after the commit")
        var restarts = ""
        if lab.store.canRestartServer {
            say(
                "server restarts: the client lost the server in \(tally["lost the server", default: 0]), "
                    + "had finished in \(tally["completed despite the restart", default: 0])")
            restarts = "server restarts \(tally["restarts"]!), "
        }
        say(
            "torture crash: runs \(tally["runs"]!), kills \(tally["kills"]!), \(restarts)completed \(tally["completed"]!), "
                + "old state \(tally["old"]!), new state \(tally["new"]!), revisions \(revisions), failures \(tally["failures"]!)")
    }
}

/// Saves `FILE`'s set lines into USER's persisted candidate as one command, the way the
/// interactive shell saves after every command; the crash torture kills it at random.
func saveCandidate(store location: String, user: String, file: String) throws {
    let session = try Session(
        store: openStore(at: location), mode: .interactive, options: Session.Options(user: user),
        console: CapturingConsole(), source: "interactive")
    try session.execute(line: "load merge \"\(file)\"")
    say("candidate saved")
}
