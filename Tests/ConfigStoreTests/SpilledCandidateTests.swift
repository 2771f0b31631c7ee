import ConfigModel
import XCTest

@testable import ConfigStore

/// A candidate that spills its edits to the storage must be indistinguishable from one that
/// holds them in memory: the same reads, status, comparison, errors, conflicts and published
/// result. Each run drives two stores through the same random edits, one whose candidates
/// spill past a handful of records and one whose never do, and compares them as it goes.
final class SpilledCandidateTests: StorageTestCase {
    func testASpilledCandidateBehavesAsOneInMemory() throws {
        try onEachStorage {
            for seed in 1...12 {
                var run = try DifferentialRun(kind: storage, seed: UInt64(seed), owner: seed.isMultiple(of: 2) ? "alice" : nil)
                try run.run()
            }
        }
    }

    func testAPublishOfASpilledCandidateWritesItInOneRevision() throws {
        try onEachStorage {
            let store = try StoreFixture(storage).open(spillThreshold: 1_000)
            let candidate = try store.scratchCandidate()
            for index in 0..<(store.windowSize + 500) {
                var writer = candidate
                try writer.setLeaf(StoreFixture.user(String(format: "u%06d", index), "email"), to: "u\(index)@example.com")
                try candidate.commitCommand()
            }
            XCTAssertEqual(try candidate.status().pendingChanges, store.windowSize + 500)
            XCTAssertEqual(try candidate.publishExpectingRevision(), 1)
            XCTAssertEqual(try store.history(limit: nil).map(\.changeCount), [store.windowSize + 500])
            let users = ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user"])
            XCTAssertEqual(try store.published().countEntries(of: users, startingWith: "", cap: .max), store.windowSize + 500)
            XCTAssertEqual(try candidate.status().pendingChanges, 0, "the published candidate starts afresh")
        }
    }
}

/// One random run over a pair of stores: `inMemory` never spills, `spilling` spills past
/// three records.
private struct DifferentialRun {
    let inMemory: RevisionedStore
    let spilling: RevisionedStore
    var random: SplitMix64
    let owner: String?
    let seed: UInt64
    let fixtures: (StoreFixture, StoreFixture)

    init(kind: StorageKind, seed: UInt64, owner: String?) throws {
        fixtures = (try StoreFixture(kind), try StoreFixture(kind))
        inMemory = try fixtures.0.open()
        spilling = try fixtures.1.open(spillThreshold: 3)
        random = SplitMix64(seed: seed)
        self.owner = owner
        self.seed = seed
    }

    private static let ids = (0..<24).map { "u\($0)" }
    private static let method = ConfigPath(schemaWords: ["manage-system", "authentication-methods", "method", "pm"])

    mutating func run() throws {
        // A published base: users, a service and a method that refers to it.
        var base: [(ConfigPath, String)] = Self.ids.prefix(12).map { (StoreFixture.user($0, "email"), "\($0)@example.com") }
        base += [
            (StoreFixture.service("radius").appending("host"), "radius.example.com"),
            (Self.method.appending("type"), "portwise-password"), (Self.method.appending("display-name"), "Password"),
            (Self.method.appending("authentication-server"), "radius"),
        ]
        for store in [inMemory, spilling] {
            let candidate = try store.scratchCandidate()
            try candidate.set(base)
            XCTAssertEqual(try candidate.publishExpectingRevision(), 1)
        }
        var candidates = try pair { try candidate(of: $0) }
        for step in 0..<60 {
            let edit = randomEdit()
            let reverts = randomChance(5)
            let outcomes = try pair { store -> String in
                let candidate = store === inMemory ? candidates.0 : candidates.1
                do {
                    var writer = candidate
                    try edit(&writer)
                } catch {
                    candidate.revertCommand()
                    return "error: \(error)"
                }
                if reverts {
                    candidate.revertCommand()
                    return "reverted"
                }
                try candidate.commitCommand()
                return "done"
            }
            XCTAssertEqual(outcomes.0, outcomes.1, context(step))
            if randomChance(12) { try publishElsewhere(step) }
            if owner != nil, randomChance(15) { candidates = try pair { try candidate(of: $0) } }
            if step.isMultiple(of: 10) { try compare(candidates, step) }
        }
        try compare(candidates, 60)
        var published = try pair { try publish($0 === inMemory ? candidates.0 : candidates.1) }
        XCTAssertEqual(published.0, published.1, context(61))
        if case .conflict = published.0 {
            _ = try pair { try ($0 === inMemory ? candidates.0 : candidates.1).update() }
            try compare(candidates, 62)
            published = try pair { try publish($0 === inMemory ? candidates.0 : candidates.1) }
            XCTAssertEqual(published.0, published.1, context(63))
        }
        XCTAssertEqual(try records(inMemory.published()), try records(spilling.published()), context(64))
    }

    /// An edit of the kind an administrator makes: users set, changed, renamed and deleted,
    /// now and then an invalid value or a referenced service deleted.
    private mutating func randomEdit() -> (inout any Candidate) throws -> Void {
        let id = Self.ids[Int(random.next() % UInt64(Self.ids.count))]
        let other = Self.ids[Int(random.next() % UInt64(Self.ids.count))]
        let serial = random.next() % 1000
        switch random.next() % 8 {
        case 0: return { try $0.delete(StoreFixture.user(id, "")) }
        case 1: return { try $0.rename(StoreFixture.user(id, ""), to: other) }
        case 2: return { try $0.setLeaf(StoreFixture.user(id, "email"), to: "not an address \(serial)") }
        case 3: return { _ = try $0.delete(StoreFixture.service("radius")) }
        case 4:
            return { writer in
                try writer.setLeaf(StoreFixture.user(id, "display-name"), to: "User \(serial)")
                try writer.setLeaf(StoreFixture.user(other, "email"), to: "\(other).\(serial)@example.com")
            }
        default: return { try $0.setLeaf(StoreFixture.user(id, "email"), to: "\(id).\(serial)@example.com") }
        }
    }

    /// Another administrator publishes a change to a user on both stores alike.
    private mutating func publishElsewhere(_ step: Int) throws {
        let id = Self.ids[Int(random.next() % UInt64(Self.ids.count))]
        let remove = randomChance(3)
        let outcomes = try pair { store -> PublishOutcome in
            let bob = try store.candidate(for: "bob")
            var writer = bob
            if remove {
                _ = try writer.delete(StoreFixture.user(id, ""))
            } else {
                try writer.setLeaf(StoreFixture.user(id, "display-name"), to: "Published at \(step)")
            }
            try bob.commitCommand()
            return try publish(bob)
        }
        XCTAssertEqual(outcomes.0, outcomes.1, context(step))
    }

    private func compare(_ candidates: (any Candidate, any Candidate), _ step: Int) throws {
        let (memory, spilled) = candidates
        let root = RecordKey(.root)
        XCTAssertEqual(try memory.status(), try spilled.status(), context(step))
        let changes = try memory.changesAgainstPublished(under: root)
        XCTAssertEqual(changes, try spilled.changesAgainstPublished(under: root), context(step))
        var windows: [RecordChange] = []
        try spilled.forEachChangeWindow(under: root) { windows += $0.changes }
        XCTAssertEqual(windows, changes.changes, context(step))
        XCTAssertEqual(try memory.validate(as: "tester"), try spilled.validate(as: "tester"), context(step))
        XCTAssertEqual(try memory.conflicts(), try spilled.conflicts(), context(step))
        XCTAssertEqual(try records(memory), try records(spilled), context(step))
        let users = ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user"])
        XCTAssertEqual(
            try memory.entryKeys(of: users, startingWith: "u1", limit: 5), try spilled.entryKeys(of: users, startingWith: "u1", limit: 5), context(step))
        XCTAssertEqual(
            try memory.countEntries(of: users, startingWith: "", cap: 100), try spilled.countEntries(of: users, startingWith: "", cap: 100), context(step))
        for id in Self.ids {
            XCTAssertEqual(try memory.value(at: StoreFixture.user(id, "email")), try spilled.value(at: StoreFixture.user(id, "email")), context(step))
        }
        let service = RecordKey(StoreFixture.service("radius"))
        XCTAssertEqual(try memory.referrers(of: service), try spilled.referrers(of: service), context(step))
    }

    private func candidate(of store: RevisionedStore) throws -> any Candidate {
        try owner.map { try store.candidate(for: $0) } ?? store.scratchCandidate()
    }

    private func publish(_ candidate: any Candidate) throws -> PublishOutcome {
        try candidate.publish(PublishMetadata(user: "alice", source: "script", comment: nil))
    }

    private func records(_ config: any ConfigReader) throws -> [String] {
        var lines: [String] = []
        try config.forEachRecord(under: RecordKey(.root)) { key, record in lines.append("\(key) \(record.encoded)") }
        return lines
    }

    private func pair<T>(_ body: (RevisionedStore) throws -> T) throws -> (T, T) {
        (try body(inMemory), try body(spilling))
    }

    private mutating func randomChance(_ oneIn: UInt64) -> Bool {
        random.next() % oneIn == 0
    }

    private func context(_ step: Int) -> String {
        "seed \(seed), \(owner.map { "\($0)'s candidate" } ?? "scratch candidate"), step \(step)"
    }
}
