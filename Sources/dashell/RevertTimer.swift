import ArgumentParser
import ConfigStore
import Foundation

/// `dashell revert-timer`: the process a confirmed publish leaves behind (`publish confirmed`),
/// never typed by users. It sleeps until the revision's deadline, then publishes its revert
/// unless it was confirmed: the revert happens even when the shell that published has
/// exited. Should it not run (killed, the host down), the first dashell command after the
/// deadline reverts instead (`OverdueReverts`).
///
/// It detaches in two steps, as a daemon does: the shell starts it in a session of its own
/// with no terminal and waits for it; it starts the timer proper (`--detached`) and exits at
/// once, so that the timer belongs to no shell, and no shell keeps a finished child.
struct RevertTimer: RefusesInlineCommands {
    static let configuration = CommandConfiguration(
        commandName: "revert-timer", abstract: "Revert a confirmed publish at its deadline.", shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    @OptionGroup(visibility: .private) var inline: InlineCommands

    @Option(help: ArgumentHelp("The revision published on condition.", valueName: "n"))
    var revision: Int

    @Flag(help: .private) var detached = false

    /// How many times in a row the store may be unavailable, or a revert due and still not
    /// settled, before the timer leaves it to the next dashell command: a second apart.
    static let overdueAttempts = 600

    func run() throws {
        guard detached else {
            _ = try Self.spawn(arguments: ["revert-timer", "--store", global.storeLocation, "--revision", "\(revision)", "--detached"])
            return
        }
        var overdue = 0
        while overdue < Self.overdueAttempts {
            // Opening the store publishes every revert that is due (`GlobalOptions.openStore`).
            // The store is closed again before the sleep: a connection is not held for hours.
            let deadline: Double
            do {
                guard let pending = try pendingDeadline() else { return }
                deadline = pending
            } catch {
                overdue += 1
                Thread.sleep(forTimeInterval: 1)
                continue
            }
            let wait = deadline - Date().timeIntervalSince1970
            if wait > 0 {
                overdue = 0
                Thread.sleep(forTimeInterval: wait + 0.05)
            } else {
                // Due by this clock but not by the store's (a server's clock behind ours).
                overdue += 1
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// The deadline of the revision's confirmation, while it is still to revert. A store file
    /// removed meanwhile has nothing to revert, and is not made anew by opening it.
    private func pendingDeadline() throws -> Double? {
        if try global.serverLocation() == nil, !FileManager.default.fileExists(atPath: global.storeLocation) { return nil }
        let store = try global.openStore()
        return try store.pendingConfirmations().first { $0.revision == revision && $0.failure == nil }?.deadline
    }

    /// Starts the timer of `revision` in the store at `location`, and waits for the first
    /// step only (see the type's comment).
    static func start(store location: String, revision: Int) throws {
        let pid = try spawn(arguments: ["revert-timer", "--store", location, "--revision", "\(revision)"])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift does not import.
    private static let spawnSetSID: Int16 = 0x80

    /// The file descriptors open in this process (`/proc/self/fd`, whose own descriptor is
    /// closed again by the time this returns).
    private static func openDescriptors() -> [Int32] {
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return listed.compactMap(Int32.init).filter { fcntl($0, F_GETFD) != -1 }
    }

    /// This executable with `arguments`, in a new session, its standard streams on /dev/null.
    private static func spawn(arguments: [String]) throws -> pid_t {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, spawnSetSID)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        // Nothing else is passed on: a pipe a caller of this dashell waits on to end would
        // otherwise stay open until the timer ends.
        for descriptor in openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard status == 0 else { throw StoreError.failed(path: executable, reason: String(cString: strerror(status))) }
        return pid
    }
}
