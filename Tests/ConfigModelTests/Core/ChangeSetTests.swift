import XCTest

@testable import ConfigModel

/// Random configurations over small pools of keys and values, so that two of them share
/// many entries and leaves.
struct RandomTrees {
    var random: SplitMix64

    static let userIds = ["alice", "bob", "Carol Smith", "\u{E9}mile", "e\u{301}mile", "日本"]
    static let serviceNames = ["radius", "radius 2", "ldap"]
    static let methodNames = ["m1", "m1 b", "Mobile"]
    static let propertyNames = ["User Attribute", "Certificate Attribute", "Certificate Filter"]
    static let texts = ["", "Alice", "Smart ID \"Mobile\"", "line 1\nline 2", "ünïcødé …"]

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func pick(_ values: [String]) -> String { values.randomElement(using: &random)! }

    mutating func maybeSet(_ tree: inout ConfigTree, _ path: ConfigPath, _ values: [String]) throws {
        if chance(50) { try tree.setLeaf(path, to: pick(values)) }
    }

    mutating func tree() throws -> ConfigTree {
        var tree = ConfigTree()
        for id in Self.userIds where chance(60) {
            try tree.createEntries(along: user(id))
            try maybeSet(&tree, user(id, "display-name"), Self.texts)
            try maybeSet(&tree, user(id, "email"), ["\(id.count)@example.com", "x@localhost"])
            try maybeSet(&tree, user(id, "cell-phone"), ["+46 70 1", ""])
            try maybeSet(&tree, user(id, "portwise-authentication", "enable-personal"), ["true", "false"])
            try maybeSet(&tree, user(id, "portwise-authentication", "notification"), ["none", "email", "sms"])
        }
        for name in Self.serviceNames where chance(60) {
            try tree.createEntries(along: authenticationService(name))
            try maybeSet(&tree, authenticationService(name, "host"), ["radius.example.com", "localhost"])
            try maybeSet(&tree, authenticationService(name, "port"), ["1812", "1645"])
            try maybeSet(&tree, authenticationService(name, "enabled"), ["true", "false"])
        }
        for name in Self.methodNames where chance(60) {
            try tree.createEntries(along: method(name))
            try maybeSet(&tree, method(name, "type"), ["oath", "personal-mobile"])
            try maybeSet(&tree, method(name, "display-name"), Self.texts)
            try maybeSet(&tree, method(name, "authentication-server"), Self.serviceNames)
            for property in Self.propertyNames where chance(40) {
                try tree.createEntries(along: method(name, "extended-property", property))
                try maybeSet(&tree, method(name, "extended-property", property, "value"), Self.texts)
            }
        }
        try maybeSet(&tree, emailChannel.appending("enabled"), ["true", "false"])
        try maybeSet(&tree, emailChannel.appending("port"), ["25", "587"])
        return tree
    }
}

final class ChangeSetTests: XCTestCase {
    func testDiffAppliedToTheOldTreeGivesTheNewOneAndItsInverseGoesBack() throws {
        var trees = RandomTrees(random: SplitMix64(seed: 20_240_601))
        for iteration in 0..<400 {
            let a = try trees.tree(), b = try trees.tree()
            let diff = ChangeSet.diff(from: a, to: b)
            XCTAssertEqual(diff.applied(to: a), b, "iteration \(iteration)")
            XCTAssertEqual(diff.inverted.applied(to: b), a, "iteration \(iteration)")
            XCTAssertEqual(diff.inverted, ChangeSet.diff(from: b, to: a), "iteration \(iteration)")
            XCTAssertTrue(ChangeSet.diff(from: a, to: a).isEmpty, "iteration \(iteration)")
            XCTAssertTrue(diff.changes.allSatisfy { $0.old != $0.new }, "iteration \(iteration)")
            XCTAssertEqual(diff.changes.map(\.key), diff.changes.map(\.key).sorted(), "iteration \(iteration)")
            var written = a
            try diff.apply(to: &written)
            XCTAssertEqual(written, b, "iteration \(iteration)")
        }
    }

    func testTheGeneratorProducesOverlappingTrees() throws {
        // Guards the property test against degenerating into trivial cases.
        var trees = RandomTrees(random: SplitMix64(seed: 20_240_601))
        var modifiedEntries = 0, emptyEntries = 0
        for _ in 0..<100 {
            let a = try trees.tree(), b = try trees.tree()
            modifiedEntries += ChangeSet.diff(from: a, to: b).changes.filter { $0.old != nil && $0.new != nil }.count
            emptyEntries += a.records.values.filter(\.isEmpty).count
        }
        XCTAssertGreaterThan(modifiedEntries, 100)
        XCTAssertGreaterThan(emptyEntries, 50)
    }

    func testSizeCountsLeavesAndBareEntries() throws {
        var before = ConfigTree()
        try before.setLeaf(user("alice", "display-name"), to: "Alice")
        try before.setLeaf(user("alice", "email"), to: "alice@example.com")
        try before.setLeaf(user("alice", "cell-phone"), to: "+46 70 1")
        try before.setLeaf(user("bob", "email"), to: "bob@example.com")
        var after = before
        try after.delete(user("alice"))
        try after.createEntries(along: user("carol"))
        try after.setLeaf(user("bob", "email"), to: "robert@example.com")
        try after.setLeaf(user("bob", "display-name"), to: "Bob")
        let diff = ChangeSet.diff(from: before, to: after)
        XCTAssertEqual(diff.changes.map(\.size), [3, 2, 1])
        XCTAssertEqual(diff.size, 6)
    }

    func testSettingALeafBackToItsValueLeavesNoChange() throws {
        var before = ConfigTree()
        try before.setLeaf(method("m1", "display-name"), to: "One")
        var after = before
        try after.setLeaf(method("m1", "display-name"), to: "Uno")
        try after.setLeaf(method("m1", "display-name"), to: "One")
        XCTAssertTrue(ChangeSet.diff(from: before, to: after).isEmpty)
    }

    func testLeafChangesListOldAndNewValues() throws {
        let change = RecordChange(
            key: RecordKey(user("bob")),
            old: Record(["email": "bob@example.com", "display-name": "Bob"]),
            new: Record(["email": "robert@example.com", "cell-phone": "1", "display-name": "Bob"]))
        XCTAssertEqual(change.leafChanges.map(\.leaf), ["cell-phone", "email"])
        XCTAssertEqual(change.leafChanges.map(\.old), [nil, "bob@example.com"])
        XCTAssertEqual(change.leafChanges.map(\.new), ["1", "robert@example.com"])
    }
}
