import ConfigModel
import ConfigStorePostgreSQL
import ConfigStoreSQLite
import DigitalAccess
import Foundation
import PostgreSQLTesting
import XCTest

@testable import ConfigStore

/// Where a test's store keeps its data: the engine's behaviour must be the same on each.
enum StorageKind: CaseIterable {
    case sqlite
    case memory
    case postgresql
}

/// Tests of the store's behaviour, each run once per storage (`storage` says which): one
/// suite for every storage, as the engine is written once above them.
class StorageTestCase: XCTestCase {
    private(set) var storage = StorageKind.sqlite

    /// Runs `body` once per storage.
    func onEachStorage(_ body: () throws -> Void) rethrows {
        for kind in StorageKind.allCases {
            storage = kind
            try body()
        }
    }

    /// Each test's PostgreSQL databases go with it.
    override func tearDownWithError() throws {
        try TestCluster.ifStarted?.dropCreatedDatabases()
        try super.tearDownWithError()
    }

    /// A failure says which storage it happened on.
    override func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool) {
        super.recordFailure(withDescription: "[\(storage)] " + description, inFile: filePath, atLine: lineNumber, expected: expected)
    }
}

/// A fresh store, and shorthands for the paths tests use. On SQLite it lies in a fresh
/// temporary directory, one directory further down, which opening creates, as at the default
/// location; in memory, every `open` reaches the same data, as reopening a file would; on
/// PostgreSQL, in a fresh database of the test cluster, a copy of one `store init` made.
struct StoreFixture {
    let directory: String
    let kind: StorageKind
    private let memory = MemoryStorage()
    var path: String { directory + "/data/store.sqlite" }
    /// The database's URI, on PostgreSQL.
    let uri: String?

    init(_ kind: StorageKind = .sqlite) throws {
        self.kind = kind
        directory = NSTemporaryDirectory() + "dashell-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        uri = kind == .postgresql ? try Self.newDatabase() : nil
    }

    /// The store; its candidates spill past `spillThreshold` records.
    func open(spillThreshold: Int = RevisionedStore.defaultSpillThreshold) throws -> RevisionedStore {
        let storage: any Storage =
            switch kind {
            case .sqlite: try SQLiteStorage(path: path, creating: .fileAndDirectories)
            case .memory: memory
            case .postgresql: try PostgreSQLStorage(ServerLocation(uri!))
            }
        return RevisionedStore(storage: storage, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all, spillThreshold: spillThreshold)
    }

    /// A database holding an empty store: a copy of `template`.
    static func newDatabase() throws -> String {
        let cluster = try TestCluster.shared()
        return cluster.uri(database: try cluster.createDatabase(template: try template()))
    }

    /// The database `store init` made once, for every test to copy.
    static func template() throws -> String {
        try TestCluster.shared().template("dashell_store") { uri in _ = try PostgreSQLStorage.initialize(ServerLocation(uri)) }
    }

    static func leaf(_ words: String...) -> ConfigPath { ConfigPath(schemaWords: words) }

    static let dnsName = leaf("manage-system", "distribution-services", "global-settings", "external-dns-name")
    static let port = leaf("manage-system", "distribution-services", "global-settings", "external-port")

    static func user(_ id: String, _ leaf: String) -> ConfigPath {
        leaf == ""
            ? self.leaf("manage-accounts-and-storage", "user-accounts", "user", id)
            : ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user", id] + leaf.split(separator: " ").map(String.init))
    }

    static func service(_ name: String) -> ConfigPath { leaf("manage-system", "authentication-services", "service", name) }
}

extension Candidate {
    /// Sets leaves and commits them as one command.
    func set(_ values: [(ConfigPath, String)]) throws {
        var writer = self
        for (path, value) in values { try writer.setLeaf(path, to: value) }
        try commitCommand()
    }

    func publishExpectingRevision(_ comment: String? = nil, user: String = "alice") throws -> Int {
        let outcome = try publish(PublishMetadata(user: user, source: "interactive", comment: comment))
        guard case .published(let revision, _, _) = outcome else {
            XCTFail("expected a revision, got \(outcome)")
            return -1
        }
        return revision
    }
}
