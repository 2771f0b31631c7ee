import ConfigModel
import DigitalAccess
import Testing

/// The wizard's questions, answered without a terminal: each answer is checked as the shell
/// checks it, and an empty one takes the default.
@Suite struct AuthenticationMethodWizardTests {
    /// A configuration with one server and one certificate authority to choose from.
    private static var base: ConfigTree {
        var tree = ConfigTree()
        tree.set(["manage-system", "distribution-services", "global-settings", "external-dns-name", "da.example.com"])
        tree.set(["manage-system", "authentication-services", "service", "radius-1", "host", "r.example.com"])
        tree.set(["manage-system", "certificates", "certificate-authority", "Issuing CA", "subject", "CN=Issuing CA"])
        return tree
    }

    /// Answers by prompt; a prompt not listed ends the dialogue as Ctrl-C would.
    private static func answering(_ answers: [String: String]) -> Asker {
        { question in
            guard let answer = answers[question.prompt] else { return nil }
            return try? question.check(answer.isEmpty ? question.defaultAnswer ?? "" : answer)
        }
    }

    @Test func aSameDeviceMethodWithCertificatesCanBePublished() throws {
        var tree = Self.base
        let answers = try #require(
            try AuthenticationMethodWizard().run(
                reading: tree,
                ask: Self.answering([
                    "Type": "", "Display name": "Smart ID here", "Internal name": "",
                    "Enable Personal Certificate Authentication": "yes", "Certificate Authority": "",
                    "Enable authentication on same device": "yes", "Wait for (seconds)": "5", "Redirect text": "",
                    "Authentication server": "", "User Attribute": "", "Certificate Attribute": "",
                ])))
        #expect(answers.first?.0.description == "manage-system authentication-methods method smart-id-here type")
        for (path, value) in answers { try tree.setLeaf(path, to: value) }
        let violations = try validator.validate(ValidationContext(config: tree, changes: nil))
        #expect(violations.filter { $0.severity == .error } == [])
    }

    /// A method needs a server: with none to choose, the wizard says to create one first.
    @Test func withoutAServerTheWizardSaysToCreateOneFirst() throws {
        var tree = ConfigTree()
        tree.set(["manage-system", "certificates", "certificate-authority", "Issuing CA", "subject", "CN=Issuing CA"])
        #expect {
            try AuthenticationMethodWizard().run(
                reading: tree, ask: Self.answering(["Type": "oath", "Display name": "One-time code", "Internal name": ""]))
        } throws: { error in
            "\(error)".hasPrefix("no authentication server is defined yet: create one first")
        }
    }

    @Test func abandoningReturnsNothing() throws {
        #expect(try AuthenticationMethodWizard().run(reading: Self.base, ask: Self.answering(["Type": "personal-desktop"])) == nil)
    }
}
