import ConfigModel

/// `wizard TOPIC`: one of the guided dialogues the session is given, at the keyboard only.
enum Guided {
    static let commands: [CommandSpec] = [
        CommandSpec(
            command: .wizard, usage: "wizard authentication-method",
            summary: "Add an authentication method by answering the questions of the Admin wizard", arguments: .atMost(1),
            interactiveOnly: true, run: wizard)
    ]

    static func wizard(_ invocation: Invocation) throws {
        let wizards = invocation.session.options.wizards
        let topics = wizards.map(\.topic)
        guard let topic = invocation.arguments.first else {
            throw CommandError("wizard needs a topic: \(topics.joined(separator: ", "))", at: invocation.name)
        }
        let chosen = try NameMatcher.match(topic, among: topics, what: "wizard")
        guard let ask = invocation.session.io.asker else { throw CommandError("wizard needs an interactive shell", at: invocation.name) }
        let wizard = wizards.first { $0.topic == chosen }!
        guard let answers = try wizard.run(reading: invocation.session.candidate, ask: ask) else {
            invocation.print("Wizard abandoned; nothing changed")
            return
        }
        // What the answers amount to, before anything is set.
        invocation.session.console.out("The method would be added with:")
        for (path, value) in answers { invocation.session.console.out("  set \(path) \(ConfigModelQuoting.word(value))") }
        guard invocation.session.confirms("Apply?", defaultAnswer: true) == true else {
            invocation.print("Wizard abandoned; nothing changed")
            return
        }
        var candidate = invocation.session.candidate
        for (path, value) in answers { try candidate.setLeaf(path, to: value) }
        invocation.print("Added with:")
        for (path, value) in answers { invocation.print("set \(path) \(ConfigModelQuoting.word(value))") }
    }
}
