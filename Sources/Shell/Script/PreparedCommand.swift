import ConfigModel

/// What can be worked out about a script's command before it runs, on the thread that lexes
/// the script (see `LexedLines`): the command its first word names, the words after it, and
/// for `set` and `delete` the path resolved from the top — for `set` of a leaf also where
/// the value is stored and the value checked (rule V1).
///
/// None of that depends on the lines before it except the location, so a command run at
/// the top, or with a path from `/`, takes it as it is; after `edit` the path is resolved
/// again. Whatever fails here is left for the command to find again, so that its error is
/// reported exactly as without preparation.
///
/// A class, so that handing it to the command copies a reference, not each of its fields.
final class PreparedCommand: Sendable {
    let spec: CommandSpec
    /// The words after the command's name.
    let arguments: [Word]
    let path: PreparedPath?

    /// Nil unless the first word is a command's exact name: a prefix or a typo is left to
    /// the runner, which reports it.
    init?(_ command: CommandWords, resolver: PathResolver) {
        guard let name = command.words.first, let spec = CommandTable.named(name.text) else { return nil }
        self.spec = spec
        arguments = Array(command.words.dropFirst())
        path = Self.resolvesPath(spec.name) ? PreparedPath(arguments, setting: spec.name == "set", resolver: resolver) : nil
    }

    /// The commands whose arguments start with a path, and that a bulk script is made of.
    private static func resolvesPath(_ name: String) -> Bool { name == "set" || name == "delete" }

    /// The path, when it holds at `location`: at the top, or a path from `/` anywhere.
    func path(at location: ConfigPath) -> PreparedPath? {
        guard let path, path.isAbsolute || location.isRoot else { return nil }
        return path
    }

    /// For a `set` of a leaf to a valid value run at `location`, the leaf and its value.
    func leafToSet(at location: ConfigPath) -> PreparedPath.Leaf? {
        spec.name == "set" ? path(at: location)?.leaf : nil
    }
}

/// A command's path, resolved from the top before the command runs.
final class PreparedPath: Sendable {
    /// A `set` of a leaf to a valid value: where the value goes, and the value as stored.
    struct Leaf: Sendable {
        let location: LeafLocation
        let value: String
    }

    let resolution: PathResolver.Resolution
    /// Whether the path starts from `/`, and so holds wherever the command runs.
    let isAbsolute: Bool
    let leaf: Leaf?

    /// Nil when the path does not resolve from the top.
    init?(_ arguments: [Word], setting: Bool, resolver: PathResolver) {
        guard let first = arguments.first,
              let resolution = try? resolver.resolve(arguments.lazy.map(\.text), from: .root) else { return nil }
        self.resolution = resolution
        isAbsolute = first.text.hasPrefix("/")
        leaf = setting ? Self.leaf(resolution, values: arguments[resolution.wordsUsed...]) : nil
    }

    /// The leaf `set` would store, when it would store one without an error.
    private static func leaf(_ resolution: PathResolver.Resolution, values: ArraySlice<Word>) -> Leaf? {
        guard let spec = resolution.node.leafSpec, values.count <= 1 else { return nil }
        let value: String
        if let word = values.first {
            guard let parsed = try? spec.type.parse(word.text) else { return nil }
            value = parsed
        } else {
            guard spec.type == .boolean else { return nil }
            value = "true"
        }
        return Leaf(location: LeafLocation(of: resolution.path), value: value)
    }
}
