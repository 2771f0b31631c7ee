/// Turns the words of a path, as typed, into a `ConfigPath`: keywords case-insensitively, by
/// unique prefix or by Admin label; list keys exactly; `..` up one level; a first word
/// starting with `/` from the root; one word holding Admin labels between `>`, as the
/// vendor's documents name screens (`"Manage System > Authentication Methods"`), for the
/// keywords it names.
public struct PathResolver: Sendable {
    public let schema: SchemaNode

    public init(schema: SchemaNode) {
        self.schema = schema
    }

    /// The outcome: the path, its schema node, and how many words it used. Resolution stops
    /// at a leaf, so the words after it (a value) are left to the caller.
    public struct Resolution: Sendable {
        public let path: ConfigPath
        public let node: SchemaNode
        public let wordsUsed: Int

        @usableFromInline
        init(path: ConfigPath, node: SchemaNode, wordsUsed: Int) {
            self.path = path
            self.node = node
            self.wordsUsed = wordsUsed
        }
    }

    /// Resolves as many words as form a path, starting at `location`. Any collection of
    /// words will do, so that a command's words need not be copied into an array first.
    /// `allowingPatterns`: a key written with `*`, `?` or `[…]` stays in the path as a
    /// pattern (see `ConfigPath.hasPattern`), for the commands that act on each entry it
    /// matches; otherwise it is refused, as no key can hold those characters.
    @inlinable
    public func resolve<Words: Collection<String>>(
        _ words: Words, from location: ConfigPath, allowingPatterns: Bool = false
    ) throws(PathError) -> Resolution {
        var path = location
        var used = 0
        var remaining = words[...]
        /// The first word without its leading `/`, read in its place.
        var unrooted: String?
        if let first = remaining.first, first.hasPrefix("/") {
            path = .root
            let rest = String(first.dropFirst())
            if rest.isEmpty {
                remaining = remaining.dropFirst()
                used += 1
            } else {
                unrooted = rest
            }
        }
        guard var node = schema.node(at: path) else { throw PathError(wordIndex: 0, path: path, "no such location") }
        // Room for a step per word at once: growing by doubling costs more than resolving.
        path.steps.reserveCapacity(path.steps.count + remaining.count)
        while let word = unrooted ?? remaining.first {
            unrooted = nil
            if node.isLeaf { break }
            if word == ".." {
                guard !path.isRoot else { throw PathError(wordIndex: used, path: path, "already at the top") }
                path = path.parent
                node = schema.node(at: path)!
            } else if node.isList, path.steps.last?.key == nil {
                let key: String
                if allowingPatterns, ListKey.isPattern(word) {
                    key = word
                } else {
                    do { key = try (node.keyType ?? .name).validate(word) } catch {
                        throw PathError(wordIndex: used, path: path, "invalid \(node.keyName ?? "key"): \(error)")
                    }
                }
                let last = path.steps.removeLast()
                path.steps.append(ConfigPath.Step(last.keyword, key: key))
            } else if word.utf8.contains(UInt8(ascii: ">")) {
                for part in word.split(separator: ">") {
                    guard !node.isList, !node.isLeaf else {
                        throw PathError(wordIndex: used, path: path, "'\(word.excerpt)' goes past \(path): a breadcrumb names screens, not entries")
                    }
                    let label = String(part.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
                    node = try child(of: node, matching: label, at: path, wordIndex: used)
                    path.steps.append(ConfigPath.Step(node.keyword))
                }
            } else {
                node = try child(of: node, matching: word, at: path, wordIndex: used)
                path.steps.append(ConfigPath.Step(node.keyword))
            }
            remaining = remaining.dropFirst()
            used += 1
        }
        return Resolution(path: path, node: node, wordsUsed: used)
    }

    /// The one child of `node` that `word` names, or an error listing what it could be.
    public func child(of node: SchemaNode, matching word: String, at path: ConfigPath, wordIndex: Int) throws(PathError) -> SchemaNode {
        if let exact = node.exactChild(word) { return exact }
        let candidates = node.children(matching: word)
        switch candidates.count {
        case 1:
            return candidates[0]
        case 0:
            let hint = NearestNames.hint(for: word, among: node.children.map(\.keyword))
            let place = path.isRoot ? "at the top" : "under \(path)"
            throw PathError(wordIndex: wordIndex, path: path, "unknown keyword '\(word.excerpt)' \(place); \(hint)")
        default:
            let options = candidates.map(\.keyword).joined(separator: ", ")
            throw PathError(wordIndex: wordIndex, path: path, "ambiguous '\(word.excerpt)': could be \(options)")
        }
    }
}

/// A path that does not resolve, with the index of the word at fault.
public struct PathError: Error, Equatable, CustomStringConvertible {
    public let wordIndex: Int
    public let path: ConfigPath
    public let message: String

    public init(wordIndex: Int, path: ConfigPath, _ message: String) {
        self.wordIndex = wordIndex
        self.path = path
        self.message = message
    }

    public var description: String { message }
}
