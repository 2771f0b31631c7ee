import ConfigModel
import ConfigStore
import ConfigStorePostgreSQL
import ConfigStoreSQLite
import DigitalAccess
import Foundation
import PostgreSQLTesting
import ShellCore
import ShellInteractive

// Engine measurements for scripts/bench, in-process. Each subcommand prints its samples as
// `RESULT NAME UNIT VALUE...` lines (what scripts/bench reads) and a human line on stderr.
//
//   dashell-bench generate STORE USERS      a realistic store: methods, servers, CAs, channels,
//                                           then USERS user accounts, 100,000 per revision
//   dashell-bench bulk USERS RUNS [DIR]     apply + publish of USERS new users in one revision,
//                                           each run on a fresh store holding the base set
//   dashell-bench one-leaf STORE RUNS USERS [STORE USERS]...
//                                           publish of a one-leaf change (several stores
//                                           in turns)
//   dashell-bench compare STORE RUNS        compare of a small candidate against published
//   dashell-bench validate STORE RUNS       validate of a small candidate
//   dashell-bench search STORE RUNS USERS   search user-accounts: first page anchored, first
//                                           page of a word, a word's whole scan (users/s)
//   dashell-bench pattern STORE RUNS USERS  a set by pattern on a tenth of the users, then publish
//   dashell-bench tab STORE RUNS USERS [LOADED]
//                                           TAB completion of a user id, after LOADED new
//                                           users were set in the candidate
//   dashell-bench cluster                   starts a throwaway PostgreSQL cluster, prints the
//                                           directory of its socket, and removes it when
//                                           stdin closes
//
// STORE is an SQLite file or a postgresql:// URI (a database `store init` made; `generate`
// fills it).
//
// A user account has 4 leaves (SPEC §9). The same values are what scripts/bench writes into
// its .dash and SQL files.

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return Double(now() - start) / 1e6
}

func report(_ name: String, unit: String = "ms", _ samples: [Double]) {
    print("RESULT \(name) \(unit) " + samples.map { String(format: "%.4f", $0) }.joined(separator: " "))
    let sorted = samples.sorted()
    if !sorted.isEmpty {
        FileHandle.standardError.write(
            String(
                format: "%@: median %.3f %@ (min %.3f, max %.3f, %d runs)\n",
                name, sorted[sorted.count / 2], unit, sorted[0], sorted[sorted.count - 1], sorted.count
            )
            .data(using: .utf8)!)
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write("dashell-bench: \(message)\n".data(using: .utf8)!)
    exit(2)
}

let metadata = PublishMetadata(user: "bench", source: "bench", comment: nil)

func path(_ words: String...) -> ConfigPath {
    ConfigPath(schemaWords: words.flatMap { $0.split(separator: " ").map(String.init) }, schema: DigitalAccessSchema.root)
}

func userPath(_ index: Int, _ leaf: String) -> ConfigPath {
    ConfigPath(userEntry(index) + leaf.split(separator: " ").map { ConfigPath.Step(String($0)) })
}

/// The steps to user `index`'s entry.
func userEntry(_ index: Int) -> [ConfigPath.Step] {
    [ConfigPath.Step("manage-accounts-and-storage"), ConfigPath.Step("user-accounts"), ConfigPath.Step("user", key: userID(index))]
}

func userID(_ index: Int) -> String { "user\(index)" }

/// The steps below a user's entry to the 4 leaves `setUser` sets, made once: the bulk
/// measures are of the engine's apply, not of splitting these strings for every leaf.
let userLeaves = ["display-name", "email", "cell-phone", "portwise-authentication enable-personal"].map { leaf in
    leaf.split(separator: " ").map { ConfigPath.Step(String($0)) }
}

/// The 4 leaves of user `index`, as canonical values.
func setUser(_ writer: inout some ConfigWriter, _ index: Int) throws {
    let entry = userEntry(index)
    try writer.setLeaf(ConfigPath(entry + userLeaves[0]), to: "User \(index)")
    try writer.setLeaf(ConfigPath(entry + userLeaves[1]), to: "user\(index)@example.com")
    try writer.setLeaf(ConfigPath(entry + userLeaves[2]), to: "+4670\(index)")
    try writer.setLeaf(ConfigPath(entry + userLeaves[3]), to: "true")
}

func publishOrFail(_ candidate: any Candidate) throws {
    let outcome = try candidate.publish(metadata)
    guard case .published = outcome else { fail("publish did not publish: \(outcome)") }
}

/// What a Digital Access installation has besides its users: servers, CAs, channels, a
/// dozen methods of every type, self-service settings. Valid under V1–V12.
func writeBase(_ store: RevisionedStore) throws {
    let candidate = try store.scratchCandidate()
    var writer = candidate
    func set(_ words: String, _ value: String) throws {
        var parts = words.split(separator: " ").map(String.init)
        let leaf = parts.removeLast()
        try writer.setLeaf(ConfigPath(schemaWords: parts + [leaf], schema: DigitalAccessSchema.root), to: value)
    }
    func method(_ name: String, _ leaves: [(String, String)]) throws {
        for (leaf, value) in leaves {
            var words = ["manage-system", "authentication-methods", "method", name]
            words += leaf.split(separator: " ").map(String.init)
            try writer.setLeaf(ConfigPath(schemaWords: words, schema: DigitalAccessSchema.root), to: value)
        }
    }
    func property(_ method: String, _ name: String, _ value: String) throws {
        try writer.setLeaf(
            ConfigPath([
                .init("manage-system"), .init("authentication-methods"), .init("method", key: method),
                .init("extended-property", key: name), .init("value"),
            ]), to: value)
    }
    try set("manage-system distribution-services global-settings external-dns-name", "access.example.com")
    try set("manage-system distribution-services global-settings external-port", "443")
    for index in 1...4 {
        try set("manage-system distribution-services service dist-\(index) enable-token-distribution", index % 2 == 0 ? "true" : "false")
    }
    for index in 1...8 {
        try set("manage-system authentication-services service radius-\(index) host", "auth\(index).example.com")
        try set("manage-system authentication-services service radius-\(index) port", "\(1812 + index)")
    }
    for index in 1...4 {
        try writer.setLeaf(
            ConfigPath([
                .init("manage-system"), .init("certificates"), .init("certificate-authority", key: "Issuing CA \(index)"),
                .init("subject"),
            ]), to: "CN=Issuing CA \(index), O=Example")
    }
    try set("manage-system notification-channels email enabled", "true")
    try set("manage-system notification-channels email host", "smtp.example.com")
    try set("manage-system notification-channels email sender-address", "noreply@example.com")
    try set("manage-system notification-channels email password", "secret")
    try set("manage-system notification-channels sms enabled", "true")
    try set("manage-system notification-channels sms gateway-url", "https://sms.example.com/send")
    try set("manage-accounts-and-storage self-service personal-mobile-provisioning enabled", "true")
    try set("manage-accounts-and-storage self-service personal-mobile-provisioning notify-by-mail", "true")
    try set("manage-accounts-and-storage self-service personal-mobile-provisioning email-subject", "Your Smart ID")
    let types = DigitalAccessSchema.methodTypes.map(\.word)
    for index in 0..<12 {
        let type = types[index % types.count]
        var leaves = [("type", type), ("display-name", "Method \(index)"), ("authentication-server", "radius-\(index % 8 + 1)")]
        if type == "personal-mobile" {
            leaves.append(("same-device", index < types.count ? "true" : "false"))
            if index < types.count {
                leaves += [("wait-seconds", "5"), ("personal-certificate-authentication", "true"), ("certificate-authority", "Issuing CA 1")]
            } else {
                leaves.append(("another-device-mode", "qr-code"))
            }
        }
        if type == "personal-desktop" {
            leaves += [("personal-certificate-authentication", "true"), ("certificate-authority", "Issuing CA 2")]
        }
        try method("m\(index)", leaves)
        if type == "personal-desktop" || (type == "personal-mobile" && index < types.count) {
            try property("m\(index)", "User Attribute", "mail")
            try property("m\(index)", "Certificate Attribute", "subjectaltname-emailaddress")
        }
    }
    try candidate.commitCommand()
    try publishOrFail(candidate)
}

/// Users `first..<first+count` in one revision. Returns (apply ms, publish ms).
func publishUsers(_ store: RevisionedStore, from first: Int, count: Int) throws -> (Double, Double) {
    let candidate = try store.scratchCandidate()
    var writer = candidate
    let apply = try milliseconds {
        for index in first..<(first + count) { try setUser(&writer, index) }
        try candidate.commitCommand()
    }
    let publish = try milliseconds { try publishOrFail(candidate) }
    return (apply, publish)
}

func openStore(_ location: String) throws -> RevisionedStore {
    if ServerLocation.isServerURI(location) {
        return RevisionedStore(
            storage: try PostgreSQLStorage(ServerLocation(location)), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
    }
    guard FileManager.default.fileExists(atPath: location) else { fail("no store at \(location)") }
    return try SQLiteStore.open(at: location, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
}

/// The number of users a generated store holds, from its newest user.
func userCount(_ store: RevisionedStore) throws -> Int {
    var count = 0
    try store.published().forEachRecord(under: RecordKey(path("manage-accounts-and-storage user-accounts"))) { _, _ in count += 1 }
    return count
}

/// `set … user 'user5?????' portwise-authentication create-new-profile …` then `publish`, as
/// a script runs them: the ids of as many digits as the largest, starting with 5, are a tenth
/// of the users (100,000 of 1,000,000), within the range `user5` that the index reads. Each
/// round flips the value, so that every round changes every match. Returns (set ms, publish ms).
func patternEdit(_ store: RevisionedStore, runs: Int, users: Int) throws -> ([Double], [Double]) {
    let pattern = "user5" + String(repeating: "?", count: String(users - 1).count - 1)
    var set: [Double] = [], publish: [Double] = []
    for round in 0...runs {
        let console = CapturingConsole()
        let session = try Session(store: store, mode: .script, options: .init(user: "bench"), console: console, source: "bench")
        let line = "set manage-accounts-and-storage user-accounts user '\(pattern)' portwise-authentication create-new-profile \(round % 2 == 0)"
        let s = try milliseconds { try session.execute(line: line) }
        let p = try milliseconds { try session.execute(line: "publish") }
        guard console.output.first == "\(users / 10) entries changed" else { fail("pattern: \(console.output) \(console.errors)") }
        // A publish frees the candidate's edits on another thread; the next round starts once
        // that is done, as the next command of a person would, rather than on top of it.
        usleep(500_000)
        // The first round reads the pages of the store from disk: not what is measured.
        if round > 0 {
            set.append(s)
            publish.append(p)
        }
    }
    return (set, publish)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    fail("usage: dashell-bench generate STORE USERS | bulk USERS RUNS [DIR] | one-leaf|compare|validate STORE RUNS USERS")
}
func argument(_ index: Int, _ what: String) -> String {
    guard index < arguments.count else { fail("\(command): missing \(what)") }
    return arguments[index]
}
func number(_ index: Int, _ what: String) -> Int {
    guard let value = Int(argument(index, what)), value >= 0 else { fail("\(command): \(what) must be a number") }
    return value
}

do {
    switch command {
    case "generate":
        let storePath = argument(1, "STORE"), users = number(2, "USERS")
        let store: RevisionedStore
        if ServerLocation.isServerURI(storePath) {
            store = try openStore(storePath)
            if try store.latestRevision() != 0 { fail("generate: the store at \(storePath) is not empty") }
        } else {
            try? FileManager.default.removeItem(atPath: storePath)
            store = try SQLiteStore.open(at: storePath, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        }
        try writeBase(store)
        var published = 0
        let batch = 100_000
        while published < users {
            let count = min(batch, users - published)
            let (apply, publish) = try publishUsers(store, from: published, count: count)
            FileHandle.standardError.write(
                String(
                    format: "generate: users %d..<%d apply %.0f ms, publish %.0f ms\n",
                    published, published + count, apply, publish
                ).data(using: .utf8)!)
            published += count
        }

    case "bulk":
        let users = number(1, "USERS"), runs = number(2, "RUNS")
        let directory = arguments.count > 3 ? arguments[3] : NSTemporaryDirectory()
        var apply: [Double] = [], publish: [Double] = [], total: [Double] = []
        for run in 0..<runs {
            let storePath = directory + "/bulk-\(getpid())-\(run).sqlite"
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
            }
            let store = try SQLiteStore.open(at: storePath, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
            try writeBase(store)
            let (a, p) = try publishUsers(store, from: 0, count: users)
            apply.append(a)
            publish.append(p)
            total.append(a + p)
        }
        report("bulk-apply", apply)
        report("bulk-publish", publish)
        report("bulk-total", total)

    case "one-leaf":
        // With more stores (`one-leaf STORE RUNS USERS STORE USERS…`), their rounds take turns,
        // so that what the machine does meanwhile (on PostgreSQL, the disk's flush at each
        // commit) weighs on each alike; one RESULT line per store, in their order.
        let runs = number(2, "RUNS")
        var stores = [(store: try openStore(argument(1, "STORE")), users: max(number(3, "USERS"), 1))]
        var next = 4
        while next + 1 < arguments.count {
            stores.append((try openStore(argument(next, "STORE")), max(number(next + 1, "USERS"), 1)))
            next += 2
        }
        var samples = Array(repeating: [Double](), count: stores.count)
        // One unmeasured round first: statement preparation and the first page reads.
        for round in 0...runs {
            for (index, (store, users)) in stores.enumerated() {
                let candidate = try store.scratchCandidate()
                var writer = candidate
                let sample = try milliseconds {
                    try writer.setLeaf(userPath(round * 7919 % users, "display-name"), to: "Renamed \(round) \(getpid())")
                    try candidate.commitCommand()
                    try publishOrFail(candidate)
                }
                if round > 0 { samples[index].append(sample) }
            }
        }
        for store in samples { report("one-leaf-publish", store) }

    case "compare", "validate":
        let store = try openStore(argument(1, "STORE")), runs = number(2, "RUNS"), users = max(number(3, "USERS"), 1)
        // A small candidate: a changed user, a new user, a changed method.
        let candidate = try store.scratchCandidate()
        var writer = candidate
        try writer.setLeaf(userPath(users / 2, "email"), to: "changed@example.com")
        try setUser(&writer, users + 1)
        try writer.setLeaf(path("manage-system authentication-methods method m3 display-name"), to: "Renamed method")
        try candidate.commitCommand()
        var samples: [Double] = []
        for round in 0...runs {
            var lines = 0
            let sample = try milliseconds {
                if command == "compare" {
                    let changes = try candidate.changesAgainstPublished(under: RecordKey(.root))
                    try DiffRenderer(schema: DigitalAccessSchema.root).render(changes.changes) { _ in lines += 1 }
                } else {
                    let violations = try candidate.validate(as: "bench")
                    if violations.contains(where: { $0.severity == .error }) { fail("validate: \(violations)") }
                    lines = 1
                }
            }
            if lines == 0 { fail("\(command) produced nothing") }
            if round > 0 { samples.append(sample) }
        }
        report(command, samples)

    case "tab":
        // TAB after a user-id prefix, through the shell's completer as the line editor calls it:
        // prefixes matching one user, a few, and very many (the first page plus a bounded count).
        // With LOADED, the candidate first holds that many new users (a bulk `load` at the
        // prompt), which a TAB must not pay for.
        let store = try openStore(argument(1, "STORE")), runs = number(2, "RUNS"), users = max(number(3, "USERS"), 1)
        let loaded = arguments.count > 4 ? number(4, "LOADED") : 0
        let session = try Session(
            store: store, mode: loaded > 0 ? .script : .interactive, options: .init(user: "bench"),
            console: CapturingConsole(), source: "bench")
        if loaded > 0 {
            var writer = session.candidate
            for index in users..<(users + loaded) { try setUser(&writer, index) }
            try session.candidate.commitCommand()
        }
        let completer = ShellCompleter(session: session)
        let line = "edit manage-accounts-and-storage user-accounts user "
        let prefixes = ["user\(users / 3)", "user\(users / 7 / 10)", "user1", "us"]
        var samples: [Double] = []
        for round in 0...max(runs * 20, 20) {
            let prefix = prefixes[round % prefixes.count]
            var count = 0
            let sample = milliseconds { count = completer.complete(line + prefix).candidates.count }
            if count == 0 { fail("tab: no candidate for \(prefix)") }
            if round > 0 { samples.append(sample) }
        }
        report(loaded > 0 ? "tab-loaded" : "tab", samples)

    case "search":
        // `search user-accounts`, in-process: the first page (20 users) of a glob anchored at
        // the start of the id, which reads a range of the index; the first page of a word
        // found anywhere, and the whole scan that word needs, in users per second.
        let store = try openStore(argument(1, "STORE")), runs = number(2, "RUNS"), users = max(number(3, "USERS"), 1)
        let candidate = try store.scratchCandidate()
        let list = path("manage-accounts-and-storage user-accounts user")
        func firstPage(_ pattern: String) throws -> Int {
            var found = 0
            try UserSearch(pattern).forEachMatch(in: candidate, users: list) { _, _ in
                found += 1
                return found < 20
            }
            return found
        }
        var anchored: [Double] = [], firstOfWord: [Double] = [], rate: [Double] = []
        for round in 0...runs {
            var found = 0
            let prefix = "user\(users / 3 / 10 + round)*"
            let a = try milliseconds { found = try firstPage(prefix) }
            if found == 0 { fail("search: nothing for \(prefix)") }
            // Digits of the last user's id, which some ids hold whatever the store's size.
            let digits = String(String(users - 1).suffix(3))
            let word = try milliseconds { found = try firstPage(digits) }
            if found == 0 { fail("search: nothing for \(digits)") }
            let scan = try milliseconds {
                try UserSearch("99999").forEachMatch(in: candidate, users: list) { _, _ in true }
            }
            if round > 0 {
                anchored.append(a)
                firstOfWord.append(word)
                rate.append(Double(users) / (scan / 1000))
            }
        }
        report("search-anchored", anchored)
        report("search-word-first-page", firstOfWord)
        report("search-scan", unit: "users/s", rate)

    case "pattern":
        let store = try openStore(argument(1, "STORE")), runs = number(2, "RUNS"), users = max(number(3, "USERS"), 10)
        let (set, publish) = try patternEdit(store, runs: runs, users: users)
        report("pattern-set", set)
        report("pattern-publish", publish)
        report("pattern-total", zip(set, publish).map { $0 + $1 })

    case "count":
        print(try userCount(openStore(argument(1, "STORE"))))

    case "cluster":
        // The cluster lives as long as this process, which lives until its stdin closes (the
        // bench ended, however it ended): a cluster whose process is gone is removed by the
        // next one made, as abandoned.
        signal(SIGINT, SIG_IGN)
        let cluster = try ThrowawayCluster(settings: ["max_connections = 50"])
        FileHandle.standardOutput.write(Data((cluster.directory + "\n").utf8))
        while readLine() != nil {}
        cluster.remove()

    case "audit-generate":
        try generateAuditTrail(at: argument(1, "STORE"), records: number(2, "RECORDS"))

    case "one-leaf-privileges":
        let (without, with) = try oneLeafWithPrivileges(
            plain: argument(1, "PLAIN"), admins: argument(2, "ADMINS"), runs: number(3, "RUNS"), users: max(number(4, "USERS"), 1))
        report("one-leaf-no-administrators", without)
        report("one-leaf-privileges", with)

    default:
        fail("unknown command \(command)")
    }
} catch {
    fail("\(error)")
}
