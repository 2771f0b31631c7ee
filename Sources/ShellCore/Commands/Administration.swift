import ConfigStore

/// `whoami`: who the store takes the user for, and what they may do.
enum Administration {
    static let commands: [CommandSpec] = [
        CommandSpec(
            command: .whoami, usage: "whoami", summary: "Who you are to the store: administrator entry, role and privileges", arguments: .none,
            run: whoami)
    ]

    static func whoami(_ invocation: Invocation) throws {
        let session = invocation.session
        let summary = try session.refreshPermissions().summary
        let lines = [("user", session.options.user), ("store", session.store.location)] + summary
        invocation.data = .object(lines.map { ($0.0, .string($0.1)) })
        let width = lines.map(\.0.count).max() ?? 0
        for (label, value) in lines { invocation.print(label.padding(toLength: width + 2, withPad: " ", startingAt: 0) + value) }
    }
}
