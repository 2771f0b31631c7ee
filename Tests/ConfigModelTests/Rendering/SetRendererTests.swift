import XCTest

@testable import ConfigModel

final class SetRendererTests: XCTestCase {
    private func render(_ config: some ConfigReader, under scope: ConfigPath = .root, includeSecrets: Bool = false) throws -> [String] {
        try RenderingFixtures.lines { try SetRenderer(includeSecrets: includeSecrets).render(config, under: scope, to: $0) }
    }

    func testSampleInSchemaAndKeyOrder() throws {
        XCTAssertEqual(
            try render(RenderingFixtures.sample()),
            [
                "set manage-system distribution-services global-settings external-dns-name da.example.com",
                "set manage-system distribution-services service ds1",
                "set manage-system authentication-services service radius1 host radius.example.com",
                "set manage-system notification-channels email enabled true",
                "# set manage-system notification-channels email password ********",
                "set manage-system authentication-methods method m1 type personal-mobile",
                "set manage-system authentication-methods method m1 display-name \"Smart ID Mobile\"",
                "set manage-system authentication-methods method m1 authentication-server radius1",
                "set manage-system authentication-methods method m1 extended-property \"User Attribute\" value uid",
                "set manage-system authentication-methods method m2 extended-property \"Certificate Filter\"",
                "set manage-accounts-and-storage user-accounts user B email b@example.com",
                "set manage-accounts-and-storage user-accounts user a display-name \"Åsa Ödén\"",
                "set manage-accounts-and-storage user-accounts user a portwise-authentication notification email",
                "set manage-accounts-and-storage user-accounts user \"a;b\"",
                "set manage-accounts-and-storage user-accounts user \"é\"",
            ])
    }

    func testSecretsWrittenWhenAsked() throws {
        let lines = try render(RenderingFixtures.sample(), includeSecrets: true)
        XCTAssertTrue(lines.contains("set manage-system notification-channels email password \"s3cr#t pw\""))
        XCTAssertFalse(lines.contains { $0.hasPrefix("#") || $0.contains(SecretMask.text) })
    }

    func testEmptyConfigurationHasNoLines() throws {
        XCTAssertEqual(try render(ConfigTree()), [])
    }

    func testScopeOfOneUserReadsOnlyThatUser() throws {
        let spy = SpyReader(try RenderingFixtures.sample())
        XCTAssertEqual(
            try render(spy, under: RenderingFixtures.user("a")),
            [
                "set manage-accounts-and-storage user-accounts user a display-name \"Åsa Ödén\"",
                "set manage-accounts-and-storage user-accounts user a portwise-authentication notification email",
            ])
        XCTAssertEqual(spy.scans, [RecordKey(RenderingFixtures.user("a"))])
    }

    func testScopeOfASubtree() throws {
        XCTAssertEqual(
            try render(RenderingFixtures.sample(), under: RenderingFixtures.path("manage-system", "distribution-services")),
            [
                "set manage-system distribution-services global-settings external-dns-name da.example.com",
                "set manage-system distribution-services service ds1",
            ])
    }

    func testScopeOfAnEmptyEntryGivesItsBareLine() throws {
        XCTAssertEqual(
            try render(RenderingFixtures.sample(), under: RenderingFixtures.user("é")),
            [
                "set manage-accounts-and-storage user-accounts user \"é\""
            ])
    }

    func testScopeOfAnUnsetLeafGivesNothing() throws {
        XCTAssertEqual(try render(RenderingFixtures.sample(), under: RenderingFixtures.user("é").appending("email")), [])
    }

    func testEntryWithOnlyAMaskedSecretIsCreatedBeforeTheComment() throws {
        // No list holds a secret in the Digital Access schema, so use a schema that does.
        let schema = SchemaNode.container(
            "", "Root", "",
            [
                .list("account", "Account", key: "name", .name, "", [.leaf("token", "Token", .secret, "")])
            ])
        var tree = ConfigTree(schema: schema)
        try tree.setLeaf(ConfigPath(schemaWords: ["account", "x", "token"], schema: schema), to: "t0ken")
        XCTAssertEqual(try render(tree), ["set account x", "# set account x token ********"])
    }

    func testListsAreStreamedOnceWithoutReentry() throws {
        let spy = SpyReader(try RenderingFixtures.sample())
        _ = try render(spy)
        let lists = [
            ["manage-system", "distribution-services", "service"], ["manage-system", "authentication-services", "service"],
            ["manage-system", "certificates", "certificate-authority"], ["manage-system", "delegated-management", "role"],
            ["manage-system", "delegated-management", "administrator"], ["manage-system", "authentication-methods", "method"],
            ["manage-accounts-and-storage", "user-accounts", "user"],
        ]
        XCTAssertEqual(spy.scans, lists.map { RecordKey(ConfigPath($0.map { ConfigPath.Step($0) })) })
    }

    func testRunningTheOutputRebuildsTheConfiguration() throws {
        for original in [try RenderingFixtures.sample(), try RenderingFixtures.awkward()] {
            let lines = try render(original, includeSecrets: true)
            XCTAssertEqual(try RenderingFixtures.runSetLines(lines), original, lines.joined(separator: "\n"))
        }
    }
}
