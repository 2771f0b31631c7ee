import XCTest

@testable import ConfigModel

final class TreeRendererTests: XCTestCase {
    private func render(_ config: some ConfigReader, under scope: ConfigPath = .root, includeSecrets: Bool = false) throws -> String {
        try RenderingFixtures.lines { try TreeRenderer(includeSecrets: includeSecrets).render(config, under: scope, to: $0) }
            .joined(separator: "\n")
    }

    func testSampleInSchemaAndKeyOrder() throws {
        XCTAssertEqual(
            try render(RenderingFixtures.sample()),
            """
            manage-system
              distribution-services
                global-settings
                  external-dns-name da.example.com
                service ds1
              authentication-services
                service radius1
                  host radius.example.com
              notification-channels
                email
                  enabled true
                  password ********
              authentication-methods
                method m1
                  type personal-mobile
                  display-name "Smart ID Mobile"
                  authentication-server radius1
                  extended-property "User Attribute"
                    value uid
                method m2
                  extended-property "Certificate Filter"
            manage-accounts-and-storage
              user-accounts
                user B
                  email b@example.com
                user a
                  display-name "Åsa Ödén"
                  portwise-authentication
                    notification email
                user "a;b"
                user "é"
            """)
    }

    func testSecretShownWhenAsked() throws {
        XCTAssertTrue(try render(RenderingFixtures.sample(), includeSecrets: true).contains("      password \"s3cr#t pw\"\n"))
    }

    func testScopeIsRelative() throws {
        let sample = try RenderingFixtures.sample()
        XCTAssertEqual(
            try render(sample, under: RenderingFixtures.path("manage-system", "distribution-services")),
            """
            global-settings
              external-dns-name da.example.com
            service ds1
            """)
        XCTAssertEqual(
            try render(sample, under: RenderingFixtures.user("a")),
            """
            display-name "Åsa Ödén"
            portwise-authentication
              notification email
            """)
    }

    func testScopeOfAListShowsItsEntries() throws {
        XCTAssertEqual(
            try render(RenderingFixtures.sample(), under: RenderingFixtures.users),
            """
            user B
              email b@example.com
            user a
              display-name "Åsa Ödén"
              portwise-authentication
                notification email
            user "a;b"
            user "é"
            """)
    }

    func testScopeOfALeafShowsIt() throws {
        XCTAssertEqual(try render(RenderingFixtures.sample(), under: RenderingFixtures.user("B").appending("email")), "email b@example.com")
    }

    func testEmptyConfigurationShowsNothing() throws {
        XCTAssertEqual(try render(ConfigTree()), "")
    }
}
