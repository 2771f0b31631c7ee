import XCTest

@testable import ConfigModel

final class DiffRendererTests: XCTestCase {
    private let email = RenderingFixtures.path("manage-system", "notification-channels", "email")

    private func render(_ changes: ChangeSet, includeSecrets: Bool = false) throws -> [String] {
        let renderer = DiffRenderer(includeSecrets: includeSecrets)
        return try RenderingFixtures.lines { try renderer.render(changes.changes, to: $0) }
    }

    private func changes(_ edit: (inout ConfigTree) throws -> Void) throws -> ChangeSet {
        let before = try RenderingFixtures.sample()
        var after = before
        try edit(&after)
        return ChangeSet.diff(from: before, to: after)
    }

    func testChangedLeavesUnderTheirRecordInSchemaOrder() throws {
        let diff = try changes { tree in
            try tree.setLeaf(self.email.appending("start-tls"), to: "true")
            try tree.setLeaf(self.email.appending("port"), to: "2525")
            try tree.setLeaf(self.email.appending("enabled"), to: "false")
        }
        XCTAssertEqual(
            try render(diff),
            [
                "  manage-system notification-channels email",
                "-   enabled true",
                "+   enabled false",
                "+   port 2525",
                "+   start-tls true",
            ])
    }

    func testCreatedAndDeletedEntries() throws {
        let diff = try changes { tree in
            try tree.setLeaf(RenderingFixtures.user("new one").appending("display-name"), to: "New \"One\"")
            try tree.setLeaf(RenderingFixtures.user("new one").appending("portwise-authentication").appending("enable-personal"), to: "true")
            try tree.createEntries(along: RenderingFixtures.user("zed"))
            try tree.delete(RenderingFixtures.method("m1"))
        }
        // Records come in the change set's order (key order); leaves in schema order.
        XCTAssertEqual(
            try render(diff),
            [
                "+ manage-accounts-and-storage user-accounts user \"new one\"",
                "+   display-name \"New \\\"One\\\"\"",
                "+   portwise-authentication enable-personal true",
                "+ manage-accounts-and-storage user-accounts user zed",
                "- manage-system authentication-methods method m1",
                "-   type personal-mobile",
                "-   display-name \"Smart ID Mobile\"",
                "-   authentication-server radius1",
                "- manage-system authentication-methods method m1 extended-property \"User Attribute\"",
                "-   value uid",
            ])
    }

    func testChangedSecretShowsAsChangedButMasked() throws {
        let diff = try changes { try $0.setLeaf(self.email.appending("password"), to: "new secret") }
        XCTAssertEqual(
            try render(diff),
            [
                "  manage-system notification-channels email",
                "-   password ********",
                "+   password ********",
            ])
        XCTAssertEqual(
            try render(diff, includeSecrets: true),
            [
                "  manage-system notification-channels email",
                "-   password \"s3cr#t pw\"",
                "+   password \"new secret\"",
            ])
    }

    func testUnchangedRecordShowsNothing() throws {
        let record = Record(["host": "h"])
        let key = RecordKey(RenderingFixtures.path("manage-system", "authentication-services", "service", "s"))
        XCTAssertEqual(try render(ChangeSet([RecordChange(key: key, old: record, new: record)])), [])
    }

    func testHeadingsKeepEachKeysOwnBytes() throws {
        // A precomposed and a decomposed "café" are different methods to the store.
        let properties = ["caf\u{E9}", "cafe\u{301}"].map { method in
            RecordChange(
                key: RecordKey(
                    RenderingFixtures.path(
                        "manage-system", "authentication-methods", "method", method,
                        "extended-property", "User Attribute")),
                old: nil, new: Record(["value": method]))
        }
        let headings = try render(ChangeSet(properties)).filter { $0.hasPrefix("+ manage-system") }
        XCTAssertEqual(headings.count, 2)
        XCTAssertEqual(Set(headings.map { Array($0.unicodeScalars) }).count, 2, "\(headings)")
        XCTAssertTrue(headings.contains { $0.unicodeScalars.contains("\u{301}") })
    }
}
