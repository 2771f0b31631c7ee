import ConfigModel

/// A path whose list keys may be patterns (SPEC §5): `user 'contractor-*' email` names that
/// leaf in every existing user whose id matches. Each pattern reads its list through the
/// index, from the literal characters it starts with (`contractor-` is a range of keys), one
/// entry at a time in key order: the matches are never all held at once.
struct EntryPattern {
    /// The path as typed, a pattern where a key goes.
    let path: ConfigPath

    /// Nil when no key of `path` is a pattern: it names one place.
    init?(_ path: ConfigPath) {
        guard path.hasPattern else { return nil }
        self.path = path
    }

    /// Where the first pattern stands among the path's steps.
    var firstPatternIndex: Int { path.steps.firstIndex(where: Self.isPattern)! }

    /// The path up to its last pattern: what a message names as matching nothing.
    var selection: ConfigPath {
        ConfigPath(Array(path.steps[...(path.steps.lastIndex(where: Self.isPattern) ?? path.steps.count - 1)]))
    }

    /// What the path names inside each match: empty when the matches themselves are meant.
    var belowSelection: ConfigPath { ConfigPath(Array(path.steps[selection.steps.count...])) }

    /// `selection` as typed, each pattern in quotes as it must be written (unquoted, the
    /// shell would read `?` as a request for help).
    var selectionDescription: String { Self.describe(selection.steps[...]) }

    /// The same from the first pattern on (`user 'contractor-*'`): what a question at the
    /// keyboard names, short enough for one line.
    var patternDescription: String { Self.describe(selection.steps[firstPatternIndex...]) }

    private static func describe(_ steps: ArraySlice<ConfigPath.Step>) -> String {
        steps.flatMap { step -> [String] in
            guard let key = step.key else { return [step.keyword] }
            guard ListKey.isPattern(key) else { return [step.keyword, Quoting.word(key)] }
            return [step.keyword, key.contains("'") ? "\"\(key)\"" : "'\(key)'"]
        }.joined(separator: " ")
    }

    /// Whether `other` lies inside a path the pattern names, or holds one: as far as both
    /// go, the same keywords, and keys that the pattern's keys match.
    func overlaps(_ other: ConfigPath) -> Bool {
        zip(path.steps, other.steps).allSatisfy { mine, theirs in
            guard mine.keyword == theirs.keyword else { return false }
            guard let key = mine.key, let otherKey = theirs.key else { return true }
            return ListKey.isPattern(key) ? Glob(key, backslashQuotes: false).matches(otherKey) : key == otherKey
        }
    }

    /// Each path the pattern names, every pattern replaced by the key of an entry it
    /// matches, in key order, until `body` returns false.
    func forEachMatch(in config: any ConfigReader, _ body: (ConfigPath) throws -> Bool) throws {
        _ = try expand(path.steps, from: 0, in: config, body)
    }

    /// Replaces the first pattern at or after `start` by each key it matches, and goes on
    /// with the rest of the path; false once `body` said stop.
    private func expand(
        _ steps: [ConfigPath.Step], from start: Int, in config: any ConfigReader, _ body: (ConfigPath) throws -> Bool
    ) throws -> Bool {
        guard let index = steps[start...].firstIndex(where: Self.isPattern), let pattern = steps[index].key else {
            return try body(ConfigPath(steps))
        }
        let keyword = steps[index].keyword
        let list = ConfigPath(Array(steps[..<index]) + [ConfigPath.Step(keyword)])
        let glob = Glob(pattern, backslashQuotes: false)
        var matched = steps
        var goesOn = true
        try config.forEachEntry(of: list, startingWith: glob.literalPrefix) { key, _ in
            guard glob.matches(key) else { return true }
            matched[index] = ConfigPath.Step(keyword, key: key)
            goesOn = try expand(matched, from: index + 1, in: config, body)
            return goesOn
        }
        return goesOn
    }

    private static func isPattern(_ step: ConfigPath.Step) -> Bool {
        step.key.map(ListKey.isPattern) ?? false
    }
}
