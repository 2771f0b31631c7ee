import Foundation

// Reliability tortures for dashell (SPEC §9), driven by scripts/torture and the test suite.
//
//   dashell-torture crash --dashell PATH [--store STORE] [--runs N] [--users N] [--seed S] [--verbose]
//   dashell-torture concurrent --dashell PATH [--store STORE] [--processes K] [--rounds R] [--conflicts N]
//
// STORE: `sqlite` (the default: a file in a temporary folder), `postgresql` (a database in
// a throwaway cluster the torture starts, and restarts in the crash torture), or a
// `postgresql://` URI of a role that may create databases and roles (the torture makes a
// database and login roles there, and drops them at the end).
//
// Helpers the tortures start as child processes:
//   dashell-torture save-candidate STORE USER FILE
//   dashell-torture hold-lock STORE RELEASE-FILE

func usage() -> Never {
    FileHandle.standardError.write(
        Data(
            """
            usage: dashell-torture crash --dashell PATH [--store STORE] [--runs N] [--users N] [--seed S] [--verbose]
                   dashell-torture concurrent --dashell PATH [--store STORE] [--processes K] [--rounds R] [--conflicts N]
            STORE: sqlite (default), postgresql (a throwaway cluster), or a postgresql:// URI

            """.utf8))
    exit(2)
}

/// `--name value` pairs after the mode.
func options(_ arguments: ArraySlice<String>) -> [String: String] {
    var result: [String: String] = [:]
    var rest = arguments
    while let name = rest.popFirst() {
        guard name.hasPrefix("--") else { usage() }
        if name == "--verbose" {
            result["verbose"] = "1"
            continue
        }
        guard let value = rest.popFirst() else { usage() }
        result[String(name.dropFirst(2))] = value
    }
    return result
}

func number<T: FixedWidthInteger>(_ options: [String: String], _ name: String, default value: T) -> T {
    guard let text = options[name] else { return value }
    guard let parsed = T(text) else { usage() }
    return parsed
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { usage() }
Cleanup.onSignals()
do {
    switch arguments[1] {
    case "crash":
        let given = options(arguments.dropFirst(2))
        guard let dashell = given["dashell"] else { usage() }
        var crash = CrashTorture.Options()
        crash.runs = number(given, "runs", default: crash.runs)
        crash.users = number(given, "users", default: crash.users)
        crash.seed = number(given, "seed", default: crash.seed)
        crash.verbose = given["verbose"] != nil
        crash.store = given["store"]
        var torture = try CrashTorture(options: crash, dashell: dashell)
        exit(try torture.run() ? 0 : 1)
    case "concurrent":
        let given = options(arguments.dropFirst(2))
        guard let dashell = given["dashell"] else { usage() }
        var concurrent = ConcurrentTorture.Options()
        concurrent.processes = number(given, "processes", default: concurrent.processes)
        concurrent.rounds = number(given, "rounds", default: concurrent.rounds)
        concurrent.conflicts = number(given, "conflicts", default: concurrent.conflicts)
        concurrent.store = given["store"]
        var torture = try ConcurrentTorture(options: concurrent, dashell: dashell)
        exit(torture.run() ? 0 : 1)
    case "save-candidate" where arguments.count == 5:
        try saveCandidate(store: arguments[2], user: arguments[3], file: arguments[4])
    case "hold-lock" where arguments.count == 4:
        try holdLock(store: arguments[2], releaseFile: arguments[3])
    default:
        usage()
    }
} catch {
    say("dashell-torture: \(error)")
    exit(1)
}
