import Foundation

/// `concurrent`: several processes publishing at once, each as an administrator of its own
/// (on PostgreSQL, a login role of its own, a member of `dashell_admin`).
/// 1. K workers, each publishing R revisions one after the other (scripts and `-c` in turn),
///    all at the same time, each to its own leaves (some of them in one shared record): every
///    publish succeeds, and the revision count, the authors of the revisions and the final
///    configuration show that no change was dropped.
/// 2. While a long-running writer holds the store, two publishers of the same leaf from the
///    same base queue up (on SQLite they say so on stderr after a second; on PostgreSQL the
///    server shows them waiting for the head's lock); once the writer is done, one wins and
///    the other exits 4 naming the leaf.
/// Throughout: no "database is locked" (nor a deadlock, a serialization failure or a lock
/// timeout) reaches anyone, and nothing hangs.
struct ConcurrentTorture {
    struct Options {
        var processes = 8
        var rounds = 25
        var conflicts = 4
        var timeout: TimeInterval = 120
        /// As `--store` gives it (see `makeStore`).
        var store: String?
    }

    /// What the run saw, printed as its last line.
    struct Totals {
        var processes = 0
        /// Publishes acknowledged with "Published revision N".
        var publishes = 0
        /// Acknowledged publishes of a candidate whose base was no longer the latest revision
        /// (the revision number skips past the base's successor): the three-way merge path.
        var merges = 0
        /// Contenders for the same leaf that exited 4.
        var conflicts = 0
        /// Outputs of a process that mentioned a locked database.
        var lockErrors = 0
        /// Processes killed for not exiting within the timeout.
        var hangs = 0
        /// Processes that said on stderr that they were waiting for another process.
        var waitingMessages = 0
        /// Processes the server showed waiting for the head's lock (PostgreSQL).
        var waitingOnServer = 0
    }

    let options: Options
    let lab: Lab
    var failures: [String] = []
    var totals = Totals()

    init(options: Options, dashell: String) throws {
        self.options = options
        lab = try Lab(dashell: dashell, store: options.store)
    }

    /// The leaves of `manage-system notification-channels email` that the first four workers
    /// share (one record, different leaves): the value worker `k` sets in round `r`.
    static let sharedLeaves: [(leaf: String, value: @Sendable (Int) -> String)] = [
        ("host", { "w0-r\($0).example" }),
        ("port", { "\(1000 + $0)" }),
        ("sender-address", { "w2-r\($0)@example.com" }),
        ("username", { "w3-r\($0)" }),
    ]

    mutating func run() -> Bool {
        defer { lab.remove() }
        say(
            "torture concurrent: \(options.processes) processes × \(options.rounds) publishes, \(options.conflicts) conflict trials, "
                + "store \(lab.store.description)")
        do {
            try lab.run(["-c", "set manage-system notification-channels email enabled true; publish"]).expect(0, "set-up")
            try disjointLeaves()
            try sameLeaf()
        } catch {
            failures.append("\(error)")
        }
        for failure in failures { say("FAILURE: \(failure)") }
        say(
            "torture concurrent: processes \(totals.processes), publishes \(totals.publishes), merges \(totals.merges), "
                + "conflicts (exit 4) \(totals.conflicts), lock errors \(totals.lockErrors), hangs \(totals.hangs), "
                + (lab.store.announcesWaiting
                    ? "waiting messages \(totals.waitingMessages)" : "waiting on the server \(totals.waitingOnServer)")
                + ", failures \(failures.count)")
        return failures.isEmpty
    }

    private func commands(worker: Int, round: Int) -> [String] {
        var lines = ["set manage-accounts-and-storage user-accounts user c\(worker)-\(round) display-name \"worker \(worker) round \(round)\""]
        if worker < Self.sharedLeaves.count {
            let shared = Self.sharedLeaves[worker]
            lines.append("set manage-system notification-channels email \(shared.leaf) \(shared.value(round))")
        }
        return lines
    }

    private mutating func start(worker: Int, round: Int) throws -> Child {
        totals.processes += 1
        let lines = commands(worker: worker, round: round)
        if round % 2 == 0 {
            // A script that also reads a little between its edits and its publish, so that
            // others publish in between and the merge path is taken. Both forms print their
            // base revision (`status`), which tells a merge from a publish on the latest.
            let script = try lab.write(
                "w\(worker)-r\(round).dash",
                (lines + ["show manage-system", "status", "publish comment \"w\(worker) r\(round)\""]).joined(separator: "\n") + "\n")
            return try lab.start([script], user: "w\(worker)", name: "w\(worker)-r\(round)")
        }
        return try lab.start(["-c", (lines + ["status", "publish"]).joined(separator: "; ")], user: "w\(worker)", name: "w\(worker)-r\(round)")
    }

    private mutating func disjointLeaves() throws {
        let before = try lab.checkIntegrity()
        var running: [Int: (round: Int, child: Child)] = [:]
        for worker in 0..<options.processes { running[worker] = (0, try start(worker: worker, round: 0)) }
        let started = Date()
        while !running.isEmpty {
            for (worker, job) in running where job.child.hasExited {
                let exit = job.child.exitInfo
                check(exit, job.child.name, expecting: 0)
                if !exit.output.contains("Published revision") { failures.append("\(job.child.name): no publish acknowledged: \(exit.output)") }
                let next = job.round + 1
                running[worker] = next < options.rounds ? (next, try start(worker: worker, round: next)) : nil
            }
            for job in running.values where Date().timeIntervalSince(job.child.started) > options.timeout {
                job.child.kill()
                totals.hangs += 1
                failures.append("\(job.child.name) hung: still running after \(Int(options.timeout)) s")
            }
            usleep(5_000)
        }
        let elapsed = Date().timeIntervalSince(started)

        let count = try lab.checkIntegrity()
        let expectedCount = before + options.processes * options.rounds
        if count != expectedCount { failures.append("disjoint leaves: \(count) revisions, expected \(expectedCount): changes were dropped") }
        // Each worker's publishes are recorded as its own.
        let authors = try lab.store.revisionsByAuthor()
        for worker in 0..<options.processes where authors[lab.store.identity("w\(worker)")] != options.rounds {
            failures.append(
                "disjoint leaves: \(authors[lab.store.identity("w\(worker)")] ?? 0) revisions by \(lab.store.identity("w\(worker)")), "
                    + "expected \(options.rounds)")
        }
        let exported = try lab.exportJSON()
        let users = (exported.dig("manage-accounts-and-storage.user-accounts.user") as? NSDictionary) ?? [:]
        var missing: [String] = []
        for worker in 0..<options.processes {
            for round in 0..<options.rounds {
                let key = "c\(worker)-\(round)"
                if (users[key] as? NSDictionary)?["display-name"] as? String != "worker \(worker) round \(round)" { missing.append(key) }
            }
        }
        if !missing.isEmpty { failures.append("disjoint leaves: users missing or wrong: \(missing)") }
        let email = (exported.dig("manage-system.notification-channels.email") as? NSDictionary) ?? [:]
        for (worker, shared) in Self.sharedLeaves.enumerated() where worker < options.processes {
            let actual = (email[shared.leaf] as? NSObject)?.description
            if actual != shared.value(options.rounds - 1) {
                failures.append("disjoint leaves: email \(shared.leaf) is \(actual ?? "unset"), expected \(shared.value(options.rounds - 1))")
            }
        }
        say(
            String(
                format: "disjoint leaves: %d publishes by %d processes (%d administrators) in %.1f s; %d revisions; %@",
                options.processes * options.rounds, options.processes, Set((0..<options.processes).map { lab.store.identity("w\($0)") }).count,
                elapsed, count, missing.isEmpty && count == expectedCount ? "all merged" : "CHANGES DROPPED"))
    }

    private mutating func sameLeaf() throws {
        let leaf = "manage-system distribution-services global-settings external-dns-name"
        var waits: [TimeInterval] = []
        for trial in 0..<options.conflicts {
            let before = try lab.checkIntegrity()
            let hold = try lab.store.hold(directory: lab.directory)
            try waitFor("the lock holder", timeout: 30) { hold.isHeld }
            let values = ["a\(trial).example.com", "b\(trial).example.com"]
            let script = try lab.write("same\(trial).dash", "set \(leaf) \(values[0])\npublish\n")
            // Scripts and -c in both orders.
            let contenders = try (trial % 2 == 0 ? [0, 1] : [1, 0]).map { index in
                index == 0
                    ? try lab.start([script], user: "c0", name: "same\(trial)-file")
                    : try lab.start(["-c", "set \(leaf) \(values[1]); publish"], user: "c1", name: "same\(trial)-c")
            }
            totals.processes += 2
            let waitStarted = Date()
            if lab.store.announcesWaiting {
                let announced =
                    (try? waitFor("the waiting message", timeout: 30) {
                        contenders.allSatisfy { $0.errorsSoFar.contains("waiting for another process") }
                    }) != nil
                if announced {
                    waits.append(Date().timeIntervalSince(waitStarted))
                } else {
                    failures.append("trial \(trial): no waiting message on stderr while the store was held: \(contenders.map(\.errorsSoFar))")
                }
            } else {
                let waiting = (try? waitFor("both publishers waiting for the head's lock", timeout: 30) { (try? lab.store.waitingPublishers()) == 2 }) != nil
                if waiting {
                    waits.append(Date().timeIntervalSince(waitStarted))
                    totals.waitingOnServer += 2
                } else {
                    failures.append(
                        "trial \(trial): the server did not show both publishers waiting while the store was held: "
                            + "\((try? lab.store.waitingPublishers()).map { "\($0) waiting" } ?? "?"); \(contenders.map(\.errorsSoFar))")
                }
            }
            try hold.release()

            var exits: [Child.Exit] = []
            for contender in contenders { exits.append(try finish(contender)) }
            for index in exits.indices { check(exits[index], contenders[index].name, expecting: exits[index].code ?? -1) }
            let winners = exits.indices.filter { exits[$0].code == 0 }
            let losers = exits.indices.filter { exits[$0].code == 4 }
            totals.conflicts += losers.count
            guard winners.count == 1, losers.count == 1 else {
                failures.append("trial \(trial): expected one publish and one conflict (exit 4), got \(exits.map(\.description)): \(exits.map(\.errors))")
                continue
            }
            let loser = exits[losers[0]]
            if !loser.errors.contains("conflict") || !loser.errors.contains(leaf) {
                failures.append("trial \(trial): the conflict does not name \(leaf): \(loser.errors)")
            }
            let winnerValue = contenders[winners[0]].name.hasSuffix("file") ? values[0] : values[1]
            let count = try lab.checkIntegrity()
            if count != before + 1 { failures.append("trial \(trial): \(count) revisions, expected \(before + 1)") }
            let exported = try lab.exportJSON()
            let actual = exported.dig("manage-system.distribution-services.global-settings.external-dns-name") as? String
            if actual != winnerValue { failures.append("trial \(trial): published \(actual ?? "nothing"), the winner set \(winnerValue)") }
        }
        say(
            "same leaf: \(options.conflicts) trials, each one publish and one conflict; "
                + (lab.store.announcesWaiting ? "waiting message after " : "both seen waiting on the server after ")
                + waits.map { String(format: "%.1f s", $0) }.joined(separator: ", "))
    }

    /// What no user may see: the store's locking showing through.
    static let lockWords = ["locked", "deadlock", "could not serialize", "lock timeout", "could not obtain lock"]

    /// No error a user would see may mention a locked database, and a successful run prints nothing
    /// on stderr but the waiting message. Counts what the process printed into the totals.
    private mutating func check(_ exit: Child.Exit, _ name: String, expecting code: Int32) {
        if exit.code != code { failures.append("\(name): \(exit), expected exit \(code): \(exit.errors)") }
        for text in [exit.output, exit.errors] {
            for word in Self.lockWords where text.lowercased().contains(word) {
                totals.lockErrors += 1
                failures.append("\(name): '\(word)' reached the user: \(text)")
            }
        }
        if exit.errors.contains("waiting for another process") { totals.waitingMessages += 1 }
        if let published = Self.number(after: "Published revision ", in: exit.output) {
            totals.publishes += 1
            if let base = Self.number(after: "base revision ", in: exit.output), published > base + 1 { totals.merges += 1 }
        }
        if code == 0 {
            let unexpected = exit.errors.split(separator: "\n").filter { !$0.contains("waiting for another process") }
            if !unexpected.isEmpty { failures.append("\(name): unexpected diagnostics: \(unexpected)") }
        }
    }

    /// The number that follows `prefix` in `text`, if any.
    static func number(after prefix: String, in text: String) -> Int? {
        guard let range = text.range(of: prefix) else { return nil }
        return Int(String(text[range.upperBound...].drop { $0 == " " }.prefix(while: \.isNumber)))
    }

    /// Waits for `child` to exit, counting a hang (the child is then killed and an error thrown).
    private mutating func finish(_ child: Child) throws -> Child.Exit {
        do { return try child.wait(timeout: options.timeout) } catch {
            totals.hangs += 1
            throw error
        }
    }

    private func waitFor(_ what: String, timeout: TimeInterval, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { throw TortureError("gave up waiting for \(what) after \(Int(timeout)) s") }
            usleep(10_000)
        }
    }
}

extension Child.Exit {
    @discardableResult
    func expect(_ code: Int32, _ what: String) throws -> Self {
        guard self.code == code else { throw TortureError("\(what): \(self), expected exit \(code): \(errors)") }
        return self
    }
}
