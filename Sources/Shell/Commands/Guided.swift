import ConfigModel

/// `wizard authentication-method`, at the keyboard only.
enum Guided {
    static let commands: [CommandSpec] = [
        CommandSpec(command: .wizard, usage: "wizard authentication-method",
                    summary: "Add an authentication method by answering the questions of the Admin wizard", arguments: .atMost(1),
                    interactiveOnly: true, run: wizard),
    ]

    static func wizard(_ invocation: Invocation) throws {
        guard let topic = invocation.arguments.first else {
            throw CommandError("wizard needs a topic: authentication-method", at: invocation.name)
        }
        _ = try NameMatcher.match(topic, among: ["authentication-method"], what: "wizard")
        guard let ask = invocation.session.asker else { throw CommandError("wizard needs an interactive shell", at: invocation.name) }
        guard let answers = try AuthenticationMethodWizard(session: invocation.session, ask: ask).run() else {
            invocation.print("Wizard abandoned; nothing changed")
            return
        }
        var candidate = invocation.session.candidate
        for (path, value) in answers { try candidate.setLeaf(path, to: value) }
        invocation.print("Added with:")
        for (path, value) in answers { invocation.print("set \(path) \(ConfigModelQuoting.word(value))") }
    }
}
