import ConfigModel
import ConfigStore

/// One command being run: its words, the session, and where its output goes.
final class Invocation {
    let session: Session
    let name: Word
    let arguments: [Word]
    let output: OutputPipeline
    /// The machine-readable result for `--json`, when the command has one beyond its lines.
    var data: JSONOut?
    /// Lines for stderr about the output (how many entries a pattern matched), written once
    /// the output has ended, so that at a terminal they follow it rather than the pager's
    /// first screen.
    var notes: [String] = []
    /// What was worked out before the command ran, for a script's command.
    private let prepared: PreparedCommand?

    init(session: Session, name: Word, arguments: [Word], output: OutputPipeline, prepared: PreparedCommand? = nil) {
        self.session = session
        self.name = name
        self.arguments = arguments
        self.output = output
        self.prepared = prepared
    }

    /// The path the arguments start with, resolved before the command ran, when that still
    /// holds here: at the top, or for a path from `/`.
    var preparedResolution: PathResolver.Resolution? { prepared?.resolution(at: session.location) }

    func print(_ line: String) { output.line(line) }

    /// Prints a line of a long stream (a configuration, a list's entries), or ends the
    /// stream once what it prints goes nowhere (see `OutputPipeline.isDiscarding`).
    func printStreamed(_ line: String) throws {
        if output.isDiscarding { throw StreamEnded() }
        print(line)
    }

    /// Resolves `words` as a path from the current location. Without words: the location.
    /// `allowingPatterns`: for the commands that act on each entry a pattern key matches.
    func resolvePath(_ words: ArraySlice<Word>, allowingPatterns: Bool = false) throws(CommandError) -> PathResolver.Resolution {
        do {
            return try session.resolver.resolve(words.lazy.map(\.text), from: session.location, allowingPatterns: allowingPatterns)
        } catch {
            throw CommandError(error.message, at: words[words.startIndex + min(error.wordIndex, words.count - 1)], path: error.path)
        }
    }

    /// A path that must use every word (no value after it).
    func resolveWholePath(_ words: ArraySlice<Word>, allowingPatterns: Bool = false) throws(CommandError) -> PathResolver.Resolution {
        let resolution = try resolvePath(words, allowingPatterns: allowingPatterns)
        if resolution.wordsUsed < words.count {
            let extra = words[words.startIndex + resolution.wordsUsed]
            throw CommandError("unexpected '\(extra.text.excerpt)' after the leaf \(resolution.path)", at: extra, path: resolution.path)
        }
        return resolution
    }

    /// Refuses a path through a list entry that is in none of `configurations`.
    func requireEntries(along path: ConfigPath, in configurations: [any ConfigReader], at word: Word?) throws {
        var firstMissing: ConfigPath?
        for configuration in configurations {
            guard let missing = try configuration.missingEntry(along: path) else { return }
            firstMissing = firstMissing ?? missing
        }
        if let firstMissing { throw CommandError("no such entry: \(firstMissing)", at: word, path: firstMissing) }
    }

    /// An integer argument such as a revision number.
    func number(_ word: Word, what: String) throws(CommandError) -> Int {
        guard let value = Int(word.text), value >= 0 else { throw CommandError("\(what) must be a number, not '\(word.text.excerpt)'", at: word) }
        return value
    }

    /// A revision number that exists (0 to the latest), so that an error points at the number.
    func revision(_ word: Word) throws -> Int {
        let revision = try number(word, what: "revision")
        let latest = try session.store.latestRevision()
        guard revision <= latest else { throw CommandError("no revision \(revision); revisions are 0 to \(latest)", at: word) }
        return revision
    }

    /// Renders a configuration in the format the pipes ask for (`tree` unless told).
    func render(_ config: any ConfigReader, under scope: ConfigPath, includeSecrets: Bool = false) throws {
        let format = output.format ?? (session.options.json ? .json : .tree)
        if session.options.json, output.format == nil {
            // The renderer pretty-prints; a --json document must stay on one line. Strings
            // never hold a raw line break, so dropping each line's indentation is enough.
            var text = ""
            try JSONRenderer(includeSecrets: includeSecrets).render(config, under: scope) { text += $0.drop(while: { $0 == " " }) }
            data = .raw(text.isEmpty ? "{}" : text)
            return
        }
        let renderer: any ConfigRenderer =
            switch format {
            case .tree: TreeRenderer(includeSecrets: includeSecrets)
            case .set: SetRenderer(includeSecrets: includeSecrets)
            case .json: JSONRenderer(includeSecrets: includeSecrets)
            }
        if output.countsFirst {
            // `| count`: the renderer counts its lines without making them.
            output.countUnwritten(try renderer.countLines(config, under: scope))
        } else {
            do { try renderer.render(config, under: scope, to: printStreamed) } catch is StreamEnded {}
        }
    }
}

/// Thrown by `Invocation.printStreamed` to end a stream whose lines go nowhere; the
/// command that streams catches it and ends quietly.
struct StreamEnded: Error {}
