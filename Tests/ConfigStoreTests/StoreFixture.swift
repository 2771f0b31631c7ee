import ConfigModel
@testable import ConfigStore
import ConfigStoreSQLite
import Foundation
import XCTest
import DigitalAccess

/// A store in a fresh temporary directory, and shorthands for the paths tests use. The store
/// lies one directory further down, which opening creates, as at the default location.
struct StoreFixture {
    let directory: String
    var path: String { directory + "/data/store.sqlite" }

    init() throws {
        directory = NSTemporaryDirectory() + "dashell-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func open() throws -> RevisionedStore { try SQLiteStore.open(at: path, schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all, creating: .fileAndDirectories) }

    static func leaf(_ words: String...) -> ConfigPath { ConfigPath(schemaWords: words) }

    static let dnsName = leaf("manage-system", "distribution-services", "global-settings", "external-dns-name")
    static let port = leaf("manage-system", "distribution-services", "global-settings", "external-port")

    static func user(_ id: String, _ leaf: String) -> ConfigPath {
        leaf == "" ? self.leaf("manage-accounts-and-storage", "user-accounts", "user", id)
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
