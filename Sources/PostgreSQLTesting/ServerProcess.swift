import Foundation

/// The PostgreSQL server programs a `TestCluster` runs: initdb and pg_ctl, as the
/// `postgres` user when the tests run as root, and the stop at exit.
enum ServerProcess {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The directory of initdb and pg_ctl: Debian keeps them out of PATH, under
    /// /usr/lib/postgresql/VERSION/bin (the newest installed is taken); elsewhere they are
    /// on PATH.
    static let binaries: String = {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let newest = versions.compactMap(Int.init).sorted().last { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
        return newest.map { "\(root)/\($0)/bin" } ?? "/usr/bin"
    }()

    private static var isRoot: Bool { geteuid() == 0 }

    /// A new directory whose name starts with `prefix`, owned by whoever runs the server.
    static func makeDirectory(_ prefix: String) throws -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp: \(String(cString: strerror(errno)))") }
        let directory = String(cString: made)
        if isRoot, let user = getpwnam("postgres") {
            chown(directory, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        return directory
    }

    static func initdb(data: String, superuser: String, output: String) throws {
        try run(
            "initdb", ["--no-sync", "--no-instructions", "--auth=trust", "--username=\(superuser)", "--encoding=UTF8", "--locale=C", "-D", data],
            output: output)
    }

    static func start(data: String, log: String, output: String) throws {
        try run("pg_ctl", ["-D", data, "-l", log, "-w", "start"], output: output)
    }

    /// `pg_ctl stop -m MODE`, waiting until the server is gone.
    static func stop(data: String, mode: String, output: String) throws {
        try run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"], output: output)
    }

    /// Runs a server program, its output into the file `output`, and waits for it; the
    /// output goes into the error if it fails. Spawned with nothing of this process's
    /// open files but that: Foundation's `Process` hands its children a socket it watches
    /// for their end, which the server that `pg_ctl` leaves running would hold until it
    /// stops, so that `pg_ctl` would never seem to end.
    private static func run(_ program: String, _ arguments: [String], output: String) throws {
        let path = binaries + "/" + program
        let argv = isRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", path] + arguments : [path] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        _ = closeFrom?(&actions, 3)
        let arguments = argv.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, arguments, environ)
        guard spawned == 0 else { throw Failure(description: "\(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // Exited normally (no signal) with code 0.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw Failure(description: "\(argv.joined(separator: " ")) failed (wait status \(status)): \(text)")
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which its
    /// header declares for GNU sources only, out of Swift's sight.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Stops the server of the cluster in `directory` at once (SIGQUIT to the postmaster:
    /// PostgreSQL's immediate shutdown) and removes the directory. Spawns nothing, since
    /// it runs at exit.
    static func stopAndRemove(_ directory: String) {
        let pidFile = (try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8)) ?? ""
        if let pid = pidFile.split(separator: "\n").first.flatMap({ pid_t($0) }), kill(pid, SIGQUIT) == 0 {
            // It is not our child: wait until it is gone, for at most five seconds.
            for _ in 0..<500 where kill(pid, 0) == 0 { usleep(10_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stops and removes the clusters of test processes that died before their exit handler
    /// ran: their directories' names carry the process's id after `prefix`.
    static func removeAbandoned(prefix: String) {
        let temporary = NSTemporaryDirectory()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] where name.hasPrefix(prefix) {
            guard let owner = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ pid_t($0) }),
                kill(owner, 0) != 0, errno == ESRCH
            else { continue }
            stopAndRemove(temporary + name)
        }
    }
}
