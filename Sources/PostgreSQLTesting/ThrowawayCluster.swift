import Foundation

/// A PostgreSQL cluster of its own in a temporary directory, for programs that need a real
/// server and may stop and start it: the tortures (which restart it at random instants) and
/// the benchmarks. Reachable only through a Unix socket in that directory, nothing listens on
/// the network; durable as a server is by default (`fsync`, synchronous commit), unless
/// `settings` say otherwise. As root, the server runs as the `postgres` user.
///
/// The directory's name carries the process's id, as `TestCluster`'s does, so that a cluster
/// whose program died without removing it is stopped and removed by the next one made.
public final class ThrowawayCluster: Sendable {
    public let directory: String
    public static let superuser = TestCluster.superuser
    static let directoryPrefix = "dashell-pg-"

    /// Makes and starts the cluster; `settings` are lines of `postgresql.conf`.
    public init(settings: [String] = []) throws {
        ServerProcess.removeAbandoned(prefix: Self.directoryPrefix)
        directory = try ServerProcess.makeDirectory(NSTemporaryDirectory() + Self.directoryPrefix + "\(getpid())-")
        do {
            try ServerProcess.initdb(data: data, superuser: Self.superuser, output: directory + "/initdb.out")
            let lines = ["listen_addresses = ''", "unix_socket_directories = '\(directory)'"] + settings
            try Self.append(lines.joined(separator: "\n") + "\n", toFile: data + "/postgresql.conf")
            try start()
        } catch {
            remove()
            throw error
        }
    }

    var data: String { directory + "/data" }

    /// A libpq URI for `database`, as `user`, over the socket.
    public func uri(database: String = "postgres", user: String = ThrowawayCluster.superuser) -> String {
        "postgresql:///\(database)?host=\(directory)&user=\(user)"
    }

    /// `pg_ctl start`, waiting until the server accepts connections (after crash recovery,
    /// if it was stopped immediately).
    public func start() throws {
        try ServerProcess.start(data: data, log: directory + "/log", output: directory + "/pg_ctl.out")
    }

    /// `pg_ctl stop -m immediate`: every server process quits at once, without a checkpoint,
    /// as if the machine's power had gone but for what the kernel already holds; the next
    /// start recovers from the write-ahead log. Else `-m fast`: connections are cut and a
    /// checkpoint is written.
    public func stop(immediately: Bool) throws {
        try ServerProcess.stop(data: data, mode: immediately ? "immediate" : "fast", output: directory + "/pg_ctl.out")
    }

    /// The server's log, for a failure's report.
    public var log: String { (try? String(contentsOfFile: directory + "/log", encoding: .utf8)) ?? "" }

    /// Stops the server at once and removes the directory.
    public func remove() {
        ServerProcess.stopAndRemove(directory)
    }

    static func append(_ text: String, toFile path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
