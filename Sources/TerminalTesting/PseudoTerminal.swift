import Foundation

/// Runs a program on a pseudo-terminal, as a user at a keyboard would.
///
/// The child starts a new session and opens the terminal by path, which makes
/// it the controlling terminal, so Ctrl-C and window size changes reach it.
public final class PseudoTerminal {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift does not import.
    private static let spawnSetSID: Int16 = 0x80

    public let pid: pid_t
    private let master: Int32
    /// The window's width, which decides where the screen's lines wrap.
    private var columns: UInt16
    private var output: [UInt8] = []
    /// Where the next `expect` starts looking, so each expectation is for new output.
    private var searchStart = 0
    private var exitStatus: Int32?

    public init(_ executable: String, arguments: [String] = [], environment: [String: String], columns: UInt16 = 80, rows: UInt16 = 24) throws {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw Failure(description: "openpty failed") }
        let slavePath = String(cString: ttyname(slave))
        close(slave)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        self.master = master
        self.columns = columns

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.spawnSetSID)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // File actions run after setsid, so this open acquires the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw Failure(description: "posix_spawn \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types keys once the program reads the terminal key by key.
    public func send(_ keys: String, timeout: TimeInterval = 10) throws {
        try waitForRawMode(timeout: timeout)
        var bytes = Array(keys.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written > 0 {
                bytes = bytes.dropFirst(written)
            } else if errno != EAGAIN && errno != EINTR {
                throw Failure(description: "write to terminal: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Waits for `text` in the output since the last expectation, and returns that output.
    @discardableResult
    public func expect(_ text: String, timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let recent = String(decoding: output[searchStart...], as: UTF8.self)
            if let found = recent.range(of: text) {
                searchStart += recent[..<found.upperBound].utf8.count
                return String(recent[..<found.upperBound])
            }
            guard Date() < deadline, readAvailable(waitingUpTo: deadline) else {
                throw Failure(description: "no \(text.debugDescription) within \(timeout) s; output since last match: \(recent.debugDescription)")
            }
        }
    }

    /// All output since the last expectation that has arrived within `duration`.
    public func pendingOutput(after duration: TimeInterval) -> String {
        let deadline = Date().addingTimeInterval(duration)
        while Date() < deadline, readAvailable(waitingUpTo: deadline) {}
        return String(decoding: output[searchStart...], as: UTF8.self)
    }

    /// The lines the window shows now for everything the program wrote, from its start
    /// (an endless window: nothing scrolls away), once what arrives within `duration` is read.
    public func screenLines(after duration: TimeInterval = 0.2) -> [String] {
        _ = pendingOutput(after: duration)
        return ScreenLines(columns: Int(columns), output: output).lines
    }

    /// The exit status, once the program has ended.
    public func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                // WIFEXITED and WEXITSTATUS are macros Swift does not import.
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus = code
                return code
            }
            if !readAvailable(waitingUpTo: min(deadline, Date().addingTimeInterval(0.05))) { usleep(10_000) }
        }
        throw Failure(description: "still running after \(timeout) s")
    }

    /// Changes the window size; the kernel sends SIGWINCH to the program.
    public func resize(columns: UInt16, rows: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        self.columns = columns
    }

    /// Keys typed while the terminal is still in canonical mode would be held
    /// back as a cooked line, so wait until the editor has switched it off.
    private func waitForRawMode(timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var settings = termios()
        while tcgetattr(master, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) != 0 {
            guard Date() < deadline else { throw Failure(description: "terminal still in canonical mode after \(timeout) s") }
            usleep(10_000)
        }
    }

    /// Reads what has arrived, waiting for something until the deadline;
    /// false when nothing came (or the program closed the terminal).
    private func readAvailable(waitingUpTo deadline: Date) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        output += buffer[..<count]
        return true
    }
}
