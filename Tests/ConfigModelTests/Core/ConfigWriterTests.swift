import XCTest

@testable import ConfigModel

final class ConfigWriterTests: XCTestCase {
    var tree = ConfigTree()

    func record(_ path: ConfigPath) -> Record? { tree.records[RecordKey(path)] }

    // MARK: setLeaf and createEntries

    func testSettingALeafCreatesTheEntriesAboveIt() throws {
        try tree.setLeaf(method("m1", "extended-property", "User Attribute", "value"), to: "uid")
        XCTAssertEqual(record(method("m1")), Record())
        XCTAssertEqual(record(method("m1", "extended-property", "User Attribute")), Record(["value": "uid"]))
        XCTAssertEqual(tree.records.count, 2)
    }

    func testSettingALeafInsideAContainerOfAnEntry() throws {
        try tree.setLeaf(user("alice", "portwise-authentication", "notification"), to: "email")
        XCTAssertEqual(record(user("alice")), Record(["portwise-authentication notification": "email"]))
        XCTAssertEqual(try tree.value(at: user("alice", "portwise-authentication", "notification")), "email")
    }

    func testSettingALeafOfAContainerOutsideLists() throws {
        try tree.setLeaf(emailChannel.appending("enabled"), to: "true")
        XCTAssertEqual(tree.records, [RecordKey(emailChannel): Record(["enabled": "true"])])
    }

    func testSettingALeafAgainReplacesItsValue() throws {
        try tree.setLeaf(method("m1", "display-name"), to: "Mobile")
        try tree.setLeaf(method("m1", "display-name"), to: "Smart ID Mobile")
        XCTAssertEqual(record(method("m1")), Record(["display-name": "Smart ID Mobile"]))
    }

    func testCreatingAnEntryWithoutLeaves() throws {
        try tree.createEntries(along: method("m1", "extended-property", "Certificate Filter"))
        XCTAssertEqual(Set(tree.records.keys), [RecordKey(method("m1")), RecordKey(method("m1", "extended-property", "Certificate Filter"))])
        XCTAssertTrue(try tree.exists(method("m1")))
    }

    func testCreatingEntriesNeverLeavesAnEmptyContainerRecord() throws {
        // Entering a container (e.g. `edit manage-system notification-channels email`) is not a change.
        try tree.createEntries(along: emailChannel)
        try tree.createEntries(along: path("manage-accounts-and-storage", "self-service", "personal-mobile-provisioning"))
        XCTAssertEqual(tree.records, [:])
        XCTAssertTrue(ChangeSet.diff(from: ConfigTree(), to: tree).isEmpty)
    }

    func testCreatingAnExistingEntryKeepsItsLeaves() throws {
        try tree.setLeaf(user("alice", "email"), to: "alice@example.com")
        try tree.createEntries(along: user("alice"))
        XCTAssertEqual(record(user("alice")), Record(["email": "alice@example.com"]))
    }

    // MARK: delete

    func testDeletingALeafKeepsTheEntry() throws {
        try tree.setLeaf(user("alice", "email"), to: "alice@example.com")
        try tree.setLeaf(user("alice", "display-name"), to: "Alice")
        XCTAssertTrue(try tree.delete(user("alice", "email")))
        XCTAssertEqual(record(user("alice")), Record(["display-name": "Alice"]))
        XCTAssertTrue(try tree.delete(user("alice", "display-name")))
        XCTAssertEqual(record(user("alice")), Record(), "a list entry exists even with no leaf set")
        XCTAssertFalse(try tree.delete(user("alice", "display-name")))
    }

    func testDeletingALeafBringsBackItsDefault() throws {
        try tree.setLeaf(authenticationService("radius", "port"), to: "1645")
        XCTAssertEqual(try tree.effectiveValue(at: authenticationService("radius", "port")), "1645")
        try tree.delete(authenticationService("radius", "port"))
        XCTAssertEqual(try tree.effectiveValue(at: authenticationService("radius", "port")), "1812")
        XCTAssertNil(try tree.value(at: authenticationService("radius", "port")))
    }

    func testDeletingAnEntryDeletesItsNestedEntriesOnly() throws {
        for name in ["m1", "m1 b", "m10"] {
            try tree.setLeaf(method(name, "display-name"), to: "Method \(name)")
            try tree.setLeaf(method(name, "extended-property", "User Attribute", "value"), to: "uid")
        }
        try tree.createEntries(along: method("m1", "extended-property", "Certificate Filter"))
        XCTAssertTrue(try tree.delete(method("m1")))
        XCTAssertNil(record(method("m1")))
        XCTAssertEqual(try tree.entries(of: method("m1", "extended-property")).count, 0)
        XCTAssertEqual(tree.records.count, 4)
        XCTAssertNotNil(record(method("m1 b", "extended-property", "User Attribute")))
        XCTAssertNotNil(record(method("m10", "extended-property", "User Attribute")))
        XCTAssertFalse(try tree.delete(method("m1")))
    }

    func testDeletingAWholeList() throws {
        try tree.setLeaf(method("m1", "display-name"), to: "One")
        try tree.setLeaf(method("m2", "extended-property", "User Attribute", "value"), to: "uid")
        try tree.setLeaf(authenticationService("radius", "host"), to: "radius.example.com")
        XCTAssertTrue(try tree.delete(ConfigPath(methods.map { ConfigPath.Step($0) })))
        XCTAssertEqual(Set(tree.records.keys), [RecordKey(authenticationService("radius"))])
    }

    func testDeletingAContainerInsideAnEntry() throws {
        try tree.setLeaf(user("alice", "display-name"), to: "Alice")
        try tree.setLeaf(user("alice", "portwise-authentication", "enable-personal"), to: "true")
        try tree.setLeaf(user("alice", "portwise-authentication", "notification"), to: "sms")
        XCTAssertTrue(try tree.delete(user("alice", "portwise-authentication")))
        XCTAssertEqual(record(user("alice")), Record(["display-name": "Alice"]))
        XCTAssertFalse(try tree.delete(user("alice", "portwise-authentication")))
    }

    func testDeletingTheOnlyContainerOfAnEntryKeepsTheEntry() throws {
        try tree.setLeaf(user("bob", "portwise-authentication", "enable-personal"), to: "true")
        XCTAssertTrue(try tree.delete(user("bob", "portwise-authentication")))
        XCTAssertEqual(record(user("bob")), Record())
    }

    func testDeletingAContainerRecord() throws {
        try tree.setLeaf(emailChannel.appending("enabled"), to: "true")
        try tree.setLeaf(emailChannel.appending("host"), to: "smtp.example.com")
        try tree.setLeaf(path("manage-system", "notification-channels", "sms", "enabled"), to: "true")
        XCTAssertTrue(try tree.delete(emailChannel))
        XCTAssertEqual(Set(tree.records.keys), [RecordKey(path("manage-system", "notification-channels", "sms"))])
    }

    func testDeletingTheLastLeafOfAContainerRecordRemovesTheRecord() throws {
        try tree.setLeaf(emailChannel.appending("enabled"), to: "true")
        try tree.setLeaf(emailChannel.appending("port"), to: "587")
        try tree.delete(emailChannel.appending("enabled"))
        XCTAssertEqual(record(emailChannel), Record(["port": "587"]))
        try tree.delete(emailChannel.appending("port"))
        XCTAssertEqual(tree.records, [:])
    }

    func testDeletingAnEnclosingContainerDeletesTheRecordsBelow() throws {
        try tree.setLeaf(emailChannel.appending("enabled"), to: "true")
        try tree.setLeaf(path("manage-system", "notification-channels", "sms", "enabled"), to: "true")
        try tree.setLeaf(method("m1", "type"), to: "oath")
        XCTAssertTrue(try tree.delete(path("manage-system", "notification-channels")))
        XCTAssertEqual(Set(tree.records.keys), [RecordKey(method("m1"))])
    }

    func testDeletingSomethingOutsideTheSchemaIsAnError() {
        XCTAssertThrowsError(try tree.delete(ConfigPath([.init("manage-system"), .init("bogus")]))) { error in
            XCTAssertEqual((error as? EditError)?.message, "no such path")
        }
    }

    // MARK: rename

    func testRenameMovesTheSubtree() throws {
        try tree.setLeaf(method("m1", "display-name"), to: "One")
        try tree.setLeaf(method("m1", "extended-property", "User Attribute", "value"), to: "uid")
        try tree.createEntries(along: method("m1", "extended-property", "Certificate Filter"))
        try tree.setLeaf(method("m1 b", "display-name"), to: "Other")
        try tree.rename(method("m1"), to: "mobile")
        XCTAssertEqual(
            Set(tree.records.keys),
            Set(
                [
                    method("mobile"), method("mobile", "extended-property", "User Attribute"),
                    method("mobile", "extended-property", "Certificate Filter"), method("m1 b"),
                ].map(RecordKey.init)))
        XCTAssertEqual(record(method("mobile")), Record(["display-name": "One"]))
        XCTAssertEqual(record(method("mobile", "extended-property", "User Attribute")), Record(["value": "uid"]))
    }

    func testRenameRewritesReferences() throws {
        try tree.setLeaf(authenticationService("radius", "host"), to: "radius.example.com")
        try tree.createEntries(along: authenticationService("other"))
        try tree.setLeaf(method("m1", "authentication-server"), to: "radius")
        try tree.setLeaf(method("m2", "authentication-server"), to: "radius")
        try tree.setLeaf(method("m3", "authentication-server"), to: "other")
        try tree.rename(authenticationService("radius"), to: "radius 2")
        XCTAssertEqual(try tree.value(at: method("m1", "authentication-server")), "radius 2")
        XCTAssertEqual(try tree.value(at: method("m2", "authentication-server")), "radius 2")
        XCTAssertEqual(try tree.value(at: method("m3", "authentication-server")), "other")
        XCTAssertEqual(record(authenticationService("radius 2")), Record(["host": "radius.example.com"]))
    }

    func testRenameOfACertificateAuthorityRewritesMethods() throws {
        let ca = path("manage-system", "certificates", "certificate-authority", "Old CA")
        try tree.setLeaf(ca.appending("subject"), to: "CN=Old")
        try tree.setLeaf(method("m1", "certificate-authority"), to: "Old CA")
        try tree.rename(ca, to: "New CA")
        XCTAssertEqual(try tree.value(at: method("m1", "certificate-authority")), "New CA")
    }

    func testRenameLeavesNamesakesInOtherListsAlone() throws {
        let distribution = ConfigPath(schemaWords: distributionServices + ["radius"])
        try tree.createEntries(along: distribution)
        try tree.createEntries(along: authenticationService("radius"))
        try tree.setLeaf(method("m1", "authentication-server"), to: "radius")
        try tree.rename(distribution, to: "tokens")
        XCTAssertEqual(try tree.value(at: method("m1", "authentication-server")), "radius")
    }

    func testRenameRefusesAnExistingKey() throws {
        try tree.setLeaf(method("m1", "display-name"), to: "One")
        try tree.setLeaf(method("m2", "display-name"), to: "Two")
        let before = tree
        XCTAssertThrowsError(try tree.rename(method("m1"), to: "m2")) { error in
            XCTAssertEqual(error as? EditError, EditError(method("m2"), "already exists"))
        }
        XCTAssertEqual(tree, before)
    }

    func testRenameOfAMissingEntryOrOfSomethingElseFails() {
        XCTAssertThrowsError(try tree.rename(method("m1"), to: "m2")) { error in
            XCTAssertEqual((error as? EditError)?.message, "no such entry")
        }
        XCTAssertThrowsError(try tree.rename(emailChannel, to: "x")) { error in
            XCTAssertEqual((error as? EditError)?.message, "only a list entry can be renamed")
        }
    }

    // MARK: copy

    func testCopyMakesAnEntryWithTheSameLeavesAndSubEntries() throws {
        try tree.setLeaf(method("m1", "type"), to: "personal-mobile")
        try tree.setLeaf(method("m1", "display-name"), to: "Smart ID")
        try tree.setLeaf(method("m1", "extended-property", "User Attribute", "value"), to: "uid")
        try tree.createEntries(along: method("m1", "extended-property", "Certificate Filter"))
        try tree.copy(method("m1"), to: "m2")
        XCTAssertEqual(record(method("m2")), Record(["type": "personal-mobile", "display-name": "Smart ID (copy)"]))
        XCTAssertEqual(record(method("m2", "extended-property", "User Attribute")), Record(["value": "uid"]))
        XCTAssertEqual(record(method("m2", "extended-property", "Certificate Filter")), Record())
        XCTAssertEqual(record(method("m1")), Record(["type": "personal-mobile", "display-name": "Smart ID"]))
        XCTAssertEqual(tree.records.count, 6)
    }

    func testCopyMarksOnlyTheLeavesThatTellEntriesApart() throws {
        try tree.setLeaf(user("alice", "display-name"), to: "Alice")
        try tree.setLeaf(user("alice", "portwise-authentication", "notification"), to: "email")
        try tree.copy(user("alice"), to: "alice2")
        XCTAssertEqual(record(user("alice2")), Record(["display-name": "Alice", "portwise-authentication notification": "email"]))
    }

    func testReferencesStayWithTheOriginal() throws {
        try tree.setLeaf(authenticationService("radius", "host"), to: "radius.example.com")
        try tree.setLeaf(method("m1", "authentication-server"), to: "radius")
        try tree.copy(authenticationService("radius"), to: "radius-2")
        XCTAssertEqual(try tree.value(at: method("m1", "authentication-server")), "radius")
        XCTAssertEqual(record(authenticationService("radius-2")), Record(["host": "radius.example.com"]))
    }

    func testCopyRefusesAMissingEntryATakenKeyAnInvalidKeyOrSomethingElse() throws {
        XCTAssertThrowsError(try tree.copy(method("m1"), to: "m2")) { error in
            XCTAssertEqual(error as? EditError, EditError(method("m1"), "no such entry"))
        }
        try tree.setLeaf(method("m1", "display-name"), to: "One")
        try tree.setLeaf(method("m2", "display-name"), to: "Two")
        let before = tree
        XCTAssertThrowsError(try tree.copy(method("m1"), to: "m2")) { error in
            XCTAssertEqual(error as? EditError, EditError(method("m2"), "already exists"))
        }
        XCTAssertThrowsError(try tree.copy(method("m1"), to: "m 3"))
        XCTAssertThrowsError(try tree.copy(emailChannel, to: "x")) { error in
            XCTAssertEqual((error as? EditError)?.message, "only a list entry can be copied")
        }
        XCTAssertEqual(tree, before)
    }
}
