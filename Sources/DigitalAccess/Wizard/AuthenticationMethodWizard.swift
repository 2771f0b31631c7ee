import ConfigModel

/// `wizard authentication-method`: the questions of Digital Access Admin's "Add
/// Authentication Method" wizard, in its order, ending in the equivalent `set` commands.
public struct AuthenticationMethodWizard: Wizard {
    public let topic = "authentication-method"

    private static let methods = Places.path(Places.methods)
    private static let services = Places.path(Places.authenticationServices)
    private static let authorities = Places.path(Places.certificateAuthorities)

    public init() {}

    /// The `set` lines the answers amount to, or nil when abandoned.
    public func run(reading config: any ConfigReader, ask: Asker) throws -> [(ConfigPath, String)]? {
        let methodNode = config.schema.node(at: Self.methods)!
        func leaf(_ name: String) -> SchemaNode { methodNode.child(name)! }
        func typed(_ name: String) -> (String) throws -> String {
            { answer in try leaf(name).leafSpec!.type.parse(answer) }
        }
        func yesNo(_ prompt: String, _ help: String) -> Question {
            Question(prompt: prompt, help: help, choices: ["yes", "no"], defaultAnswer: "no") { answer in
                try typed("same-device")(["y": "yes", "n": "no"][answer.lowercased()] ?? answer)
            }
        }
        /// An existing entry of `list`, checked as it is answered; none to choose stops the
        /// wizard, since a method cannot be added without one.
        func existing(_ list: ConfigPath, _ what: String, _ leafName: String, prompt: String) throws -> Question {
            let keys = try config.entryKeys(of: list, startingWith: "", limit: 1000)
            guard let first = keys.first else {
                throw WizardCannotContinue("no \(what) is defined yet: create one first (\(list) NAME …), then run the wizard again")
            }
            return Question(prompt: prompt, help: leaf(leafName).help, choices: keys, defaultAnswer: first) { answer in
                let key = try typed(leafName)(answer)
                guard keys.contains(key) else { throw ValueError(key, "names no \(what); one of: \(keys.joined(separator: ", "))") }
                return key
            }
        }

        guard
            let type = ask(
                Question(
                    prompt: "Type", help: leaf("type").help, choices: DigitalAccessSchema.methodTypes.map(\.word),
                    defaultAnswer: "personal-mobile", check: typed("type")))
        else { return nil }
        let methods = try config.entries(of: Self.methods)
        // V4, at once: end users choose a method by its display name.
        let displayNames = Set(methods.compactMap { $0.record["display-name"] })
        guard
            let displayName = ask(
                Question(prompt: "Display name", help: leaf("display-name").help) { answer in
                    let name = try nonEmpty(answer)
                    guard !displayNames.contains(name) else { throw ValueError(name, "is the display name of another method") }
                    return name
                })
        else { return nil }
        let taken = Set(methods.map(\.key))
        guard
            let name = ask(
                Question(
                    prompt: "Internal name", help: "The method's key in the configuration",
                    defaultAnswer: Self.freeName(Self.kebabCase(displayName), taken: taken),
                    check: { answer in
                        let key = try (methodNode.keyType ?? .identifier).validate(answer)
                        guard !taken.contains(key) else { throw ValueError(key, "is taken by another method") }
                        return key
                    }))
        else { return nil }
        let method = Self.methods.steps.dropLast() + [ConfigPath.Step(DigitalAccessSchema.authenticationMethod.keyword, key: name)]
        let path = { (leaf: String) in ConfigPath(Array(method) + [ConfigPath.Step(leaf)]) }
        var answers: [(ConfigPath, String)] = [(path("type"), type), (path("display-name"), displayName)]

        var certificate = false, sameDevice = false
        if type == "personal-mobile" || type == "personal-desktop" {
            guard let enable = ask(yesNo("Enable Personal Certificate Authentication", leaf("personal-certificate-authentication").help)) else { return nil }
            certificate = enable == "true"
            if certificate {
                let question = try existing(Self.authorities, "certificate authority", "certificate-authority", prompt: "Certificate Authority")
                guard let authority = ask(question) else { return nil }
                answers += [(path("personal-certificate-authentication"), "true"), (path("certificate-authority"), authority)]
            }
        }
        if type == "personal-mobile" {
            guard let same = ask(yesNo("Enable authentication on same device", leaf("same-device").help)) else { return nil }
            sameDevice = same == "true"
            if sameDevice {
                answers.append((path("same-device"), "true"))
                guard
                    let wait = ask(
                        Question(
                            prompt: "Wait for (seconds)", help: leaf("wait-seconds").help,
                            defaultAnswer: leaf("wait-seconds").leafSpec?.defaultValue, check: typed("wait-seconds"))),
                    let text = ask(
                        Question(
                            prompt: "Redirect text", help: leaf("redirect-text").help,
                            defaultAnswer: leaf("redirect-text").leafSpec?.defaultValue, check: typed("redirect-text")))
                else { return nil }
                answers += [(path("wait-seconds"), wait), (path("redirect-text"), text)]
            } else {
                guard
                    let mode = ask(
                        Question(
                            prompt: "Another device by", help: leaf("another-device-mode").help, choices: ["qr-code", "username"],
                            defaultAnswer: "username", check: typed("another-device-mode")))
                else { return nil }
                answers.append((path("another-device-mode"), mode))
            }
        }
        let serverQuestion = try existing(Self.services, "authentication server", "authentication-server", prompt: "Authentication server")
        guard let server = ask(serverQuestion) else { return nil }
        answers.append((path("authentication-server"), server))

        // V7: these methods need both properties; ask with the values the documentation gives.
        if certificate && (type == "personal-desktop" || sameDevice) {
            for (property, suggestion) in [("User Attribute", "mail"), ("Certificate Attribute", "subjectaltname-emailaddress")] {
                guard
                    let value = ask(
                        Question(
                            prompt: property, help: "Extended property required with certificate authentication",
                            defaultAnswer: suggestion, check: nonEmpty))
                else { return nil }
                answers.append(
                    (
                        ConfigPath(Array(method) + [ConfigPath.Step(DigitalAccessSchema.extendedProperty.keyword, key: property), ConfigPath.Step("value")]),
                        value
                    ))
            }
        }
        return answers
    }

    private func nonEmpty(_ answer: String) throws -> String {
        guard !answer.isEmpty else { throw ValueError(answer, "is empty; an answer is needed") }
        return try ValueType.text.parse(answer)
    }

    /// `name`, or the first of `name-2`, `name-3`, … that no method has.
    static func freeName(_ name: String, taken: Set<String>) -> String {
        guard taken.contains(name) else { return name }
        return (2...).lazy.map { "\(name)-\($0)" }.first { !taken.contains($0) }!
    }

    /// `Smart ID on this device` → `smart-id-on-this-device`.
    static func kebabCase(_ text: String) -> String {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        return words.isEmpty ? "method" : words.joined(separator: "-")
    }
}
