import ConfigModel

/// `edit`/`cd`, `up`, `top`, `exit`, `quit`, `pwd`, `ls`.
enum Navigation {
    static let commands: [CommandSpec] = [
        CommandSpec(
            command: .edit, usage: "edit PATH", summary: "Move to a place in the configuration (creates a missing list entry)", arguments: .read, run: edit),
        CommandSpec(command: .cd, usage: "cd PATH", summary: "Same as edit", arguments: .read, run: edit),
        CommandSpec(command: .up, usage: "up [N]", summary: "Move up N levels (default 1)", arguments: .atMost(1), run: up),
        CommandSpec(command: .top, usage: "top", summary: "Move to the top of the configuration", arguments: .none, run: { $0.session.location = .root }),
        CommandSpec(command: .exit, usage: "exit", summary: "Move up one level; at the top, leave", arguments: .none, run: exit),
        CommandSpec(command: .quit, usage: "quit", summary: "Leave the shell or end the script", arguments: .none, run: quit),
        CommandSpec(command: .pwd, usage: "pwd", summary: "Print the current location", arguments: .none, run: pwd),
        CommandSpec(command: .ls, usage: "ls [PATH]", summary: "List the children of a place, with values or counts", arguments: .read, run: ls),
    ]

    static func edit(_ invocation: Invocation) throws {
        guard !invocation.arguments.isEmpty else { throw CommandError("edit needs a path", at: invocation.name) }
        let resolution = try invocation.resolveWholePath(invocation.arguments[...])
        if resolution.node.isLeaf {
            throw CommandError("\(resolution.path) is a leaf; use set to change it", at: invocation.arguments.last, path: resolution.path)
        }
        if resolution.node.isList, resolution.path.steps.last?.key == nil {
            throw CommandError(
                "\(resolution.path) is a list; name an entry: \(resolution.node.keyword) <\(resolution.node.keyName ?? "key")>",
                at: invocation.arguments.last, path: resolution.path)
        }
        if resolution.path.steps.last?.key != nil {
            var candidate = invocation.session.candidate
            // As in Junos, edit creates; saying so makes a mistyped key visible.
            if try candidate.missingEntry(along: resolution.path) != nil { invocation.print("(new entry)") }
            try candidate.createEntries(along: resolution.path)
        }
        invocation.session.location = resolution.path
    }

    static func up(_ invocation: Invocation) throws {
        var levels = 1
        if let word = invocation.arguments.first {
            levels = try invocation.number(word, what: "the number of levels")
        }
        guard !invocation.session.location.isRoot else { throw CommandError("already at the top", at: invocation.name) }
        invocation.session.location.steps.removeLast(min(levels, invocation.session.location.steps.count))
    }

    static func exit(_ invocation: Invocation) throws {
        if invocation.session.location.isRoot {
            invocation.session.wantsToLeave = true
        } else {
            invocation.session.location = invocation.session.location.parent
        }
    }

    static func quit(_ invocation: Invocation) throws {
        invocation.session.wantsToLeave = true
        invocation.session.quits = true
    }

    static func pwd(_ invocation: Invocation) throws {
        invocation.print(display(invocation.session.location))
        invocation.data = .string(display(invocation.session.location))
    }

    /// A location as an absolute path the user can paste back: `/manage-system …`.
    static func display(_ path: ConfigPath) -> String {
        "/" + path.description
    }

    static func ls(_ invocation: Invocation) throws {
        let resolution = try invocation.resolveWholePath(invocation.arguments[...])
        let config = invocation.session.candidate
        let node = resolution.node, path = resolution.path
        try invocation.requireEntries(along: path, in: [config], at: invocation.arguments.last)
        if node.isLeaf {
            invocation.print(try Listing.value(of: node, at: path, in: config))
            return
        }
        if node.isList, path.steps.last?.key == nil {
            // One entry at a time: a list of a million users is never held whole.
            try config.forEachEntry(of: path, startingWith: "") { key, _ in
                invocation.print(ConfigModelQuoting.word(key))
                return !invocation.output.isDiscarding
            }
            return
        }
        let width = node.children.map(\.keyword.count).max() ?? 0
        for child in node.children {
            let name = child.keyword.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            switch child.kind {
            case .leaf: invocation.print(name + (try Listing.value(of: child, at: path.appending(child.keyword), in: config)))
            case .container: invocation.print(child.keyword + "/")
            case .list:
                let count = try config.countEntries(of: path.appending(child.keyword), startingWith: "", cap: .max)
                invocation.print(name + "\(count) entr\(count == 1 ? "y" : "ies")")
            }
        }
    }
}

/// How `ls` shows a leaf: its value, its default marked as such, or `-` when unset.
enum Listing {
    static func value(of node: SchemaNode, at path: ConfigPath, in config: any ConfigReader) throws -> String {
        guard let spec = node.leafSpec else { return "" }
        if let value = try config.value(at: path) {
            return spec.type.isSecret ? SecretMask.text : ConfigModelQuoting.word(value)
        }
        if let fallback = spec.defaultValue, try defaultApplies(spec, at: path, in: config) {
            return ConfigModelQuoting.word(fallback) + " (default)"
        }
        return "-"
    }

    /// SPEC §4 V6: the default of a leaf that does not apply (`same-device` on an `oath`
    /// method, say) does not exist. Structural conditions must hold, as in `--with-defaults`;
    /// advisory ones do not remove a default. Conditions name leaves of the same entry.
    static func defaultApplies(_ spec: LeafSpec, at path: ConfigPath, in config: any ConfigReader) throws -> Bool {
        for condition in spec.applicability where condition.level == .error {
            let sibling = ConfigPath(path.parent.steps + condition.leaf.split(separator: " ").map { ConfigPath.Step(String($0)) })
            let value = try config.value(at: sibling) ?? config.schema.node(at: sibling)?.leafSpec?.defaultValue
            guard let value, condition.values.contains(value) else { return false }
        }
        return true
    }
}
