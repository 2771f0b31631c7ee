import Foundation
import XCTest

@testable import ConfigModel

final class JSONRendererTests: XCTestCase {
    private func render(
        _ config: some ConfigReader, under scope: ConfigPath = .root,
        includeSecrets: Bool = false, withDefaults: Bool = false
    ) throws -> String {
        let renderer = JSONRenderer(includeSecrets: includeSecrets, withDefaults: withDefaults)
        return try RenderingFixtures.lines { try renderer.render(config, under: scope, to: $0) }.joined(separator: "\n")
    }

    /// The document as Foundation reads it, which also checks that it is valid JSON.
    private func parsed(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The member at a dotted path of keywords (none of which contains a dot).
    private func member(_ document: [String: Any], _ dotted: String) -> Any? {
        var current: Any? = document
        for name in dotted.split(separator: ".") { current = (current as? [String: Any])?[String(name)] }
        return current
    }

    func testSampleInSchemaAndKeyOrder() throws {
        XCTAssertEqual(
            try render(RenderingFixtures.sample()),
            """
            {
              "manage-system": {
                "distribution-services": {
                  "global-settings": {
                    "external-dns-name": "da.example.com"
                  },
                  "service": {
                    "ds1": {}
                  }
                },
                "authentication-services": {
                  "service": {
                    "radius1": {
                      "host": "radius.example.com"
                    }
                  }
                },
                "notification-channels": {
                  "email": {
                    "enabled": true,
                    "password": "********"
                  }
                },
                "authentication-methods": {
                  "method": {
                    "m1": {
                      "type": "personal-mobile",
                      "display-name": "Smart ID Mobile",
                      "authentication-server": "radius1",
                      "extended-property": {
                        "User Attribute": {
                          "value": "uid"
                        }
                      }
                    },
                    "m2": {
                      "extended-property": {
                        "Certificate Filter": {}
                      }
                    }
                  }
                }
              },
              "manage-accounts-and-storage": {
                "user-accounts": {
                  "user": {
                    "B": {
                      "email": "b@example.com"
                    },
                    "a": {
                      "display-name": "Åsa Ödén",
                      "portwise-authentication": {
                        "notification": "email"
                      }
                    },
                    "a;b": {},
                    "é": {}
                  }
                }
              }
            }
            """)
    }

    func testEmptyConfigurationIsAnEmptyObject() throws {
        XCTAssertEqual(try render(ConfigTree()), "{}")
    }

    func testScalarsAreTypedBySchema() throws {
        var tree = ConfigTree()
        let email = RenderingFixtures.path("manage-system", "notification-channels", "email")
        try tree.setLeaf(email.appending("port"), to: "2525")
        try tree.setLeaf(email.appending("start-tls"), to: "false")
        try tree.setLeaf(email.appending("username"), to: "42")
        try tree.setLeaf(RenderingFixtures.method("m").appending("type"), to: "personal-mobile")
        try tree.setLeaf(RenderingFixtures.method("m").appending("wait-seconds"), to: "0")
        try tree.setLeaf(RenderingFixtures.method("m").appending("display-name"), to: "true")
        let text = try render(tree)
        XCTAssertTrue(text.contains("\"port\": 2525,"))
        XCTAssertTrue(text.contains("\"start-tls\": false"))
        XCTAssertTrue(text.contains("\"username\": \"42\""))
        XCTAssertTrue(text.contains("\"wait-seconds\": 0"))
        XCTAssertTrue(text.contains("\"display-name\": \"true\""))
    }

    func testSecretsMaskedUnlessAsked() throws {
        let email = { (text: String) throws -> [String: Any]? in
            self.member(try self.parsed(text), "manage-system.notification-channels.email") as? [String: Any]
        }
        XCTAssertEqual(try email(render(RenderingFixtures.sample()))?["password"] as? String, "********")
        XCTAssertEqual(try email(render(RenderingFixtures.sample(), includeSecrets: true))?["password"] as? String, "s3cr#t pw")
    }

    func testStringsAreEscaped() throws {
        var tree = ConfigTree()
        let value = "quote\" backslash\\ newline\n tab\t Åsa 🙂"
        try tree.setLeaf(RenderingFixtures.user("u\"\\").appending("display-name"), to: value)
        let text = try render(tree)
        XCTAssertTrue(text.contains(#""u\"\\": {"#))
        XCTAssertTrue(text.contains(#""display-name": "quote\" backslash\\ newline\n tab\t Åsa 🙂""#))
        let users = member(try parsed(text), "manage-accounts-and-storage.user-accounts.user") as? [String: Any]
        XCTAssertEqual((users?["u\"\\"] as? [String: Any])?["display-name"] as? String, value)
    }

    func testControlCharactersUseUnicodeEscapes() {
        XCTAssertEqual(JSONText.quoted("\u{01}\u{1F}\u{08}\u{0C}\r"), #""\u0001\u001f\b\f\r""#)
    }

    func testDefaultsOnlyWhereTheyApply() throws {
        var tree = ConfigTree()
        try tree.setLeaf(RenderingFixtures.method("mobile").appending("type"), to: "personal-mobile")
        try tree.setLeaf(RenderingFixtures.method("otp").appending("type"), to: "oath")
        try tree.createEntries(along: RenderingFixtures.method("untyped"))
        let document = try parsed(render(tree, withDefaults: true))
        let methods = try XCTUnwrap(member(document, "manage-system.authentication-methods.method") as? [String: [String: Any]])
        XCTAssertEqual(methods["mobile"]?["same-device"] as? Bool, false)
        XCTAssertEqual(methods["mobile"]?["personal-certificate-authentication"] as? Bool, false)
        XCTAssertEqual(methods["mobile"]?["another-device-mode"] as? String, "username")
        XCTAssertEqual(methods["mobile"]?["wait-seconds"] as? Int, 3)
        XCTAssertEqual(methods["otp"]?["enabled"] as? Bool, true)
        for absent in ["same-device", "wait-seconds", "redirect-text", "another-device-mode", "personal-certificate-authentication"] {
            XCTAssertNil(methods["otp"]?[absent], absent)
            XCTAssertNil(methods["untyped"]?[absent], absent)
        }
        XCTAssertEqual(Set(try XCTUnwrap(methods["untyped"]).keys), ["enabled", "visible-in-menu"])
    }

    func testDefaultsFillContainersWithNothingSet() throws {
        let document = try parsed(render(ConfigTree(), withDefaults: true))
        XCTAssertEqual(member(document, "manage-system.distribution-services.global-settings.external-port") as? Int, 443)
        XCTAssertEqual(member(document, "manage-system.notification-channels.email.host") as? String, "localhost")
        XCTAssertEqual(member(document, "manage-accounts-and-storage.self-service.personal-mobile-provisioning.enabled") as? Bool, false)
        XCTAssertNil(member(document, "manage-system.authentication-methods"), "an empty list has no defaults")
    }

    func testScopeKeepsTheEnclosingObjects() throws {
        XCTAssertEqual(
            try render(RenderingFixtures.sample(), under: RenderingFixtures.user("B")),
            """
            {
              "manage-accounts-and-storage": {
                "user-accounts": {
                  "user": {
                    "B": {
                      "email": "b@example.com"
                    }
                  }
                }
              }
            }
            """)
    }
}
