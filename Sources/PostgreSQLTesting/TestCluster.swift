import Foundation
import PostgreSQLClient
import Synchronization

/// A throwaway PostgreSQL cluster for the tests, so that a plain `swift test` runs them on a
/// real server: made in a temporary directory by the first test that asks for it, reachable
/// only through a Unix socket in that directory (nothing listens on the network, so test
/// runs never collide), and stopped and removed when the test process exits.
///
/// As root, the server runs as the `postgres` user (initdb refuses root). Durability is
/// off (`fsync`, `full_page_writes`): a crash of the machine loses only the tests' data.
/// Clusters left behind by a test process that died are stopped and removed by the next.
public final class TestCluster: Sendable {
    /// The cluster's superuser, whom every test connects as unless it says otherwise.
    public static let superuser = "postgres"

    public let directory: String
    /// Databases made by `createDatabase` and not dropped yet.
    private let created = Mutex<[String]>([])
    private let templates = Mutex<Set<String>>([])
    private let maintenance: Mutex<PostgreSQLConnection?> = Mutex(nil)

    /// The cluster, started on first use.
    public static func shared() throws -> TestCluster {
        try started.get()
    }

    /// The cluster if a test has started it, for clean-ups that must not start one.
    public static var ifStarted: TestCluster? {
        running.withLock { $0 } == nil ? nil : try? started.get()
    }

    private static let started = Result { try TestCluster() }
    /// The directory of the running cluster, for the exit handler.
    private static let running = Mutex<String?>(nil)

    private init() throws {
        let cluster = try ThrowawayCluster(settings: [
            "fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 200",
        ])
        directory = cluster.directory
        Self.running.withLock { $0 = directory }
        atexit { TestCluster.stopAtExit() }
    }

    private static func stopAtExit() {
        guard let directory = running.withLock({ $0 }) else { return }
        ServerProcess.stopAndRemove(directory)
    }

    /// A libpq URI for `database`, as `user` (default: the superuser), over the socket.
    public func uri(database: String, user: String = TestCluster.superuser) -> String {
        "postgresql:///\(database)?host=\(directory)&user=\(user)"
    }

    /// Runs `sql` (several statements, no parameters) in `database` as the superuser.
    public func execute(_ sql: String, in database: String = "postgres") throws {
        if database == "postgres" {
            try maintenance.withLock { connection in
                if connection == nil { connection = try PostgreSQLConnection(uri(database: "postgres"), applicationName: "dashell tests") }
                try connection!.execute(sql)
            }
        } else {
            try PostgreSQLConnection(uri(database: database), applicationName: "dashell tests").execute(sql)
        }
    }

    /// A login role that is a member of `dashell_admin`, as README says to make an
    /// administrator's, named `name` (made unless it exists: roles are the cluster's, and
    /// shared by the tests' databases) or else a new name; returns the name. The group role
    /// exists once a `store init` has run.
    @discardableResult
    public func createAdministrator(_ name: String? = nil) throws -> String {
        let role = name ?? "admin_" + UUID().uuidString.prefix(8).lowercased()
        try execute("DO $$ BEGIN CREATE ROLE \(role) LOGIN IN ROLE dashell_admin; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        return role
    }

    /// A new, empty database (a copy of `template`, if given); dropped by `dropDatabase` or
    /// `dropCreatedDatabases`.
    public func createDatabase(template: String? = nil) throws -> String {
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try execute("CREATE DATABASE \(name)" + (template.map { " TEMPLATE \($0)" } ?? ""))
        created.withLock { $0.append(name) }
        return name
    }

    /// The database named `name`, made once per process by `prepare` (given its URI), to
    /// copy with `createDatabase(template:)`: what every test needs, made once.
    public func template(_ name: String, prepare: (String) throws -> Void) throws -> String {
        try templates.withLock { made in
            if !made.contains(name) {
                try execute("CREATE DATABASE \(name)")
                try prepare(uri(database: name))
                made.insert(name)
            }
            return name
        }
    }

    /// Drops a database `createDatabase` made, and whatever connections still use it.
    public func dropDatabase(_ name: String) throws {
        created.withLock { $0.removeAll { $0 == name } }
        try execute("DROP DATABASE \(name) WITH (FORCE)")
    }

    /// Drops every database `createDatabase` made that is still there.
    public func dropCreatedDatabases() throws {
        for name in created.withLock({ $0 }) { try dropDatabase(name) }
    }
}
