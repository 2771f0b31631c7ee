import ConfigModel

/// What can be worked out about a script's command before it runs, on the thread that lexes
/// the script (see `LexedLines`): the command its first word names, and for `set` and
/// `delete` the path resolved from the top — for `set` of a leaf also where the value is
/// stored and the value checked (rule V1).
///
/// None of that depends on the lines before it except the location, so a command run at
/// the top, or with a path from `/`, takes it as it is; after `edit` the path is resolved
/// again. Whatever fails here is left for the command to find again, so that its error is
/// reported exactly as without preparation.
///
/// One object per command, so that handing it over copies a reference, not its fields.
final class PreparedCommand: Sendable {
    /// A `set` of a leaf to a valid value: where the value goes, and the value as stored.
    struct Leaf: Sendable {
        let location: LeafLocation
        let value: String
    }

    let spec: CommandSpec
    /// The path the arguments start with, resolved from the top; nil when it does not
    /// resolve, or the command takes no path.
    private let resolution: PathResolver.Resolution?
    /// Whether the path starts from `/`, and so holds wherever the command runs.
    private let isAbsolute: Bool
    private let leaf: Leaf?

    /// Nil unless the first word is a command's exact name: a prefix or a typo is left to
    /// the runner, which reports it. `location`: where the command will run, when that is
    /// known (the runner knows, the lexing thread does not); a path that cannot hold there
    /// is not resolved.
    init?(_ command: CommandWords, resolver: PathResolver, at location: ConfigPath = .root) {
        guard let name = command.words.first, let spec = CommandTable.named(name.text) else { return nil }
        self.spec = spec
        let arguments = command.words.dropFirst()
        guard spec.command == .set || spec.command == .delete, let first = arguments.first,
            location.isRoot || first.text.hasPrefix("/"),
            let resolution = try? resolver.resolve(arguments.lazy.map(\.text), from: .root)
        else {
            (resolution, isAbsolute, leaf) = (nil, false, nil)
            return
        }
        self.resolution = resolution
        isAbsolute = first.text.hasPrefix("/")
        leaf = spec.command == .set ? Self.leaf(resolution, values: arguments.dropFirst(resolution.wordsUsed)) : nil
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

    /// Whether what was resolved from the top holds at `location`.
    private func holds(at location: ConfigPath) -> Bool { isAbsolute || location.isRoot }

    /// The resolved path, when it holds at `location`.
    func resolution(at location: ConfigPath) -> PathResolver.Resolution? {
        holds(at: location) ? resolution : nil
    }

    /// For a `set` of a leaf to a valid value run at `location`, the leaf and its value.
    func leafToSet(at location: ConfigPath) -> Leaf? {
        holds(at: location) ? leaf : nil
    }
}
