import Foundation

/// A program run by the torture tests, its output going to files so that it never blocks
/// on a full pipe, and killable at any instant.
final class Child {
    let pid: pid_t
    let name: String
    let outPath: String
    let errPath: String
    let started = Date()
    private(set) var status: Int32?

    struct Exit: CustomStringConvertible {
        /// The exit code, or nil when a signal ended the process.
        let code: Int32?
        let signal: Int32?
        let output: String
        let errors: String

        var wasKilled: Bool { signal == SIGKILL }
        var description: String {
            code.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
        }
    }

    /// Starts `executable` with `arguments`, stdin from /dev/null (or `stdinPath`), stdout and
    /// stderr to files in `directory` named after `name`.
    init(
        _ executable: String, _ arguments: [String], name: String, directory: String,
        environment: [String: String] = [:], stdinPath: String = "/dev/null"
    ) throws {
        self.name = name
        outPath = directory + "/\(name).out"
        errPath = directory + "/\(name).err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        env.removeValue(forKey: "DASHELL_STORE")
        for (key, value) in environment { env[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw TortureError("cannot start \(executable): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    /// Whether the process has ended (reaping it if so).
    var hasExited: Bool {
        if status != nil { return true }
        var raw: Int32 = 0
        if waitpid(pid, &raw, WNOHANG) == pid {
            status = raw
            return true
        }
        return false
    }

    func kill() {
        if !hasExited { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// Waits for the end; after `timeout` seconds the process is killed and `TortureError` thrown.
    @discardableResult
    func wait(timeout: TimeInterval) throws -> Exit {
        let deadline = Date().addingTimeInterval(timeout)
        while !hasExited {
            if Date() > deadline {
                kill()
                _ = try? wait(timeout: 10)
                throw TortureError("\(name) hung: no exit within \(Int(timeout)) s")
            }
            usleep(2_000)
        }
        return exitInfo
    }

    var exitInfo: Exit {
        let raw = status ?? 0
        let signalled = (raw & 0x7f) != 0
        return Exit(
            code: signalled ? nil : (raw >> 8) & 0xff, signal: signalled ? raw & 0x7f : nil,
            output: Self.read(outPath), errors: Self.read(errPath))
    }

    var errorsSoFar: String { Self.read(errPath) }

    static func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
}

struct TortureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
