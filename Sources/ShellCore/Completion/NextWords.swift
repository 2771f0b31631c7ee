import ConfigModel
import Foundation

/// The grammar of each command, as far as completion and `?` need it: given the complete
/// words before the cursor and the prefix being typed, what may come next.
struct NextWords {
    let session: Session
    /// How many list keys or reference targets to fetch for one TAB; the rest are counted.
    static let keyLimit = 200
    /// Beyond this many matches the count shows as "N+": counting further costs more than
    /// the 10 ms a TAB may take on a million users.
    static let countCap = 1_000

    func suggestions(after words: [Word], typing prefix: String) -> Suggestions {
        guard let first = words.first else {
            return Suggestions(items: CommandTable.all.map { .keyword($0.name, $0.summary) })
        }
        let spec: CommandSpec
        do { spec = try CommandTable.find(first) } catch { return .blocked(error.message) }
        let arguments = Array(words.dropFirst())
        switch spec.command {
        case .edit, .cd, .ls, .delete:
            return path(arguments, typing: prefix, command: spec.command)
        case .set:
            return path(arguments, typing: prefix, command: .set)
        case .rename, .copy:
            return entryAndNewKey(arguments, typing: prefix, command: spec.command)
        case .show:
            return show(arguments, typing: prefix)
        case .compare:
            return compare(arguments, typing: prefix)
        case .load:
            if arguments.isEmpty {
                return Suggestions(items: [
                    .keyword("merge", "Apply the file on top of the candidate"),
                    .keyword("replace", "Make the candidate exactly the file's configuration"),
                ])
            }
            return arguments.count == 1
                ? Suggestions(items: [.placeholder("<file>", "A .dash file of set lines, or a JSON export")], files: true) : Suggestions(items: [.enter])
        case .save, .source:
            return arguments.isEmpty ? Suggestions(items: [.placeholder("<file>", "File name")], files: true) : Suggestions(items: [.enter])
        case .help:
            return arguments.isEmpty ? Suggestions(items: CommandTable.all.map { .keyword($0.name, $0.summary) } + [.enter]) : Suggestions(items: [.enter])
        case .search:
            if arguments.isEmpty { return Suggestions(items: [.keyword("user-accounts", "Search users by id, display name or e-mail")]) }
            return arguments.count == 1
                ? Suggestions(items: [.placeholder("<pattern>", "Glob: * any text, ? one character, [abc] one of")]) : Suggestions(items: [.enter])
        case .publish:
            return publish(arguments)
        case .rollback:
            return arguments.isEmpty ? revisions() : Suggestions(items: [.enter])
        case .approve, .reject:
            if arguments.isEmpty { return Suggestions(items: [.keyword("request", "A change request, by number")]) }
            return arguments.count == 1 ? openRequests() : Suggestions(items: [.enter])
        case .up:
            return arguments.isEmpty ? Suggestions(items: [.placeholder("<N>", "Levels to go up (default 1)"), .enter]) : Suggestions(items: [.enter])
        default:
            return Suggestions(items: [.enter])
        }
    }

    private func show(_ arguments: [Word], typing prefix: String) -> Suggestions {
        if let first = arguments.first {
            switch Viewing.subKeyword(first, in: session, among: Viewing.showKeywords) {
            case "history":
                return arguments.count == 1
                    ? Suggestions(items: [.placeholder("<N>", "How many revisions (default all)"), .enter]) : Suggestions(items: [.enter])
            case "audit":
                return arguments.count == 1
                    ? Suggestions(items: [.placeholder("<N>", "How many records (default \(AuditViewing.defaultCount))"), .enter])
                    : Suggestions(items: [.enter])
            case "published": return path(Array(arguments.dropFirst()), typing: prefix, command: .show)
            case "revision":
                if arguments.count == 1 { return revisions() }
                return path(Array(arguments.dropFirst(2)), typing: prefix, command: .show)
            case "requests": return Suggestions(items: [.enter])
            default: break
            }
        }
        var result = path(arguments, typing: prefix, command: .show)
        if arguments.isEmpty {
            result.items =
                [
                    .keyword("published", "The published configuration"), .keyword("revision", "A past revision"),
                    .keyword("history", "The list of revisions"), .keyword("requests", "The open change requests"),
                    .keyword("audit", "The audit trail's last records (view-logs)"),
                ] + result.items
        }
        return result
    }

    private func compare(_ arguments: [Word], typing prefix: String) -> Suggestions {
        if let first = arguments.first, Viewing.subKeyword(first, in: session, among: ["revision", "request"]) == "request" {
            return arguments.count == 1 ? openRequests() : path(Array(arguments.dropFirst(2)), typing: prefix, command: .compare)
        }
        var rest = arguments[...]
        var revisionsGiven = 0
        while revisionsGiven < 2, let word = rest.first, Viewing.subKeyword(word, in: session, among: ["revision"]) == "revision" {
            if rest.count == 1 { return revisions() }
            rest = rest.dropFirst(2)
            revisionsGiven += 1
        }
        var result = path(Array(rest), typing: prefix, command: .compare)
        if rest.isEmpty, revisionsGiven < 2 {
            result.items.insert(.keyword("revision", revisionsGiven == 0 ? "Compare a revision with the candidate" : "Compare with a second revision"), at: 0)
            if revisionsGiven == 0 { result.items.insert(.keyword("request", "What a change request would change"), at: 1) }
        }
        return result
    }

    private func openRequests() -> Suggestions {
        let requests = (try? session.store.openChangeRequests()) ?? []
        return Suggestions(
            items: requests.map { request in
                .literal(
                    String(request.id),
                    ([request.author, Requests.changes(request.changeCount)] + (request.comment.map { [$0] } ?? [])).joined(separator: ", "))
            })
    }

    private func revisions() -> Suggestions {
        let history = (try? session.store.history(limit: 20)) ?? []
        var items = history.map { Suggestion.literal(String($0.id), "\(Viewing.timestamp($0.time)) \($0.user) \($0.comment ?? "")") }
        items.append(.literal("0", "The empty configuration"))
        return Suggestions(items: items)
    }

    /// `rename`/`copy PATH-TO-ENTRY NEW-KEY`: the path of an entry, then a key no entry has
    /// yet, which nothing can complete. After an entry either may come: a key for it, or a
    /// keyword towards one of its sub-entries.
    private func entryAndNewKey(_ words: [Word], typing prefix: String, command: Command) -> Suggestions {
        let resolver = session.resolver
        let newKeyTyped =
            !words.isEmpty
            && (try? resolver.resolve(words.dropLast().map(\.text), from: session.location)).map {
                $0.wordsUsed == words.count - 1 && $0.path.steps.last?.key != nil
            } == true
        var result = Suggestions()
        if let whole = try? resolver.resolve(words.map(\.text), from: session.location), !whole.node.isLeaf {
            result = path(words, typing: prefix, command: command)
            result.items.removeAll { $0 == .enter }
            if whole.path.steps.last?.key != nil {
                result.items.removeAll { item in whole.node.child(item.text).map { !Self.holdsEntries($0) } ?? true }
                let what = command == .copy ? "A key no entry has yet, for the copy" : "The entry's new key"
                result.items.append(.placeholder("<new \(whole.node.keyName ?? "key")>", what))
            }
        } else if !newKeyTyped {
            return path(words, typing: prefix, command: command)
        }
        if newKeyTyped { result.items.append(.enter) }
        return result
    }

    /// Whether a list is at or below `node`: where a path to an entry may go on.
    private static func holdsEntries(_ node: SchemaNode) -> Bool {
        node.isList || node.children.contains(where: holdsEntries)
    }

    /// The commands that act on each entry a pattern key matches (SPEC §5).
    static let commandsTakingPatterns: Set<Command> = [.set, .delete, .show]

    /// After the words of a path: its children, an entry's keys, or a leaf's values.
    private func path(_ words: [Word], typing prefix: String, command: Command) -> Suggestions {
        let resolver = session.resolver
        let texts = words.map(\.text)
        let resolution: PathResolver.Resolution
        let takesPatterns = Self.commandsTakingPatterns.contains(command)
        do { resolution = try resolver.resolve(texts, from: session.location, allowingPatterns: takesPatterns) } catch {
            return .blocked(error.message)
        }
        let node = resolution.node, path = resolution.path
        let leftover = words.count - resolution.wordsUsed
        if node.isLeaf {
            if command == .set, leftover == 0, let spec = node.leafSpec { return values(of: spec, typing: prefix) }
            let taken = command == .set ? 1 : 0
            guard leftover > taken else { return Suggestions(items: [.enter]) }
            return .blocked("'\(words[resolution.wordsUsed + taken].text)' is not expected here: the command is complete before it")
        }
        if node.isList, path.steps.last?.key == nil {
            return keys(of: path, node: node, typing: prefix, command: command)
        }
        let entry = path.steps.last?.key == nil ? nil : try? session.candidate.record(RecordKey(path))
        let children = node.children.filter { child in
            // A leaf that cannot apply to this entry (same-device on a desktop method) is not offered.
            guard let spec = child.leafSpec, let entry else { return true }
            return spec.applies { entry[$0] ?? node.child($0)?.leafSpec?.defaultValue }
        }
        var items = children.map { child in Suggestion.keyword(child.keyword, describe(child)) }
        if !path.isRoot { items.append(.keyword("..", "Up one level")) }
        if command != .set && (command != .edit && command != .cd || !words.isEmpty) { items.append(.enter) }
        if command == .set, path.steps.last?.key != nil, !words.isEmpty { items.append(.placeholder("<Enter>", "Create the entry")) }
        return Suggestions(items: items)
    }

    private func keys(of list: ConfigPath, node: SchemaNode, typing prefix: String, command: Command) -> Suggestions {
        let candidate = session.candidate
        let keys = (try? candidate.entryKeys(of: list, startingWith: prefix, limit: Self.keyLimit)) ?? []
        var result = Suggestions(items: keys.map { Suggestion.literal($0) })
        if case .oneOf(let allowed) = node.keyType, command == .set || command == .edit || command == .cd {
            // The words a key may be, those not taken yet too: a new entry can only be one.
            result.items += allowed.filter { $0.hasPrefix(prefix) && !keys.contains($0) }.map { Suggestion.keyword($0, "") }
        }
        if keys.count == Self.keyLimit {
            let count = (try? candidate.countEntries(of: list, startingWith: prefix, cap: Self.countCap)) ?? 0
            result.unlisted = max(0, count - keys.count)
            result.unlistedIsLowerBound = count >= Self.countCap
        }
        let creates = command == .set || command == .edit || command == .cd
        result.items.append(.placeholder("<\(node.keyName ?? "key")>", creates ? "An existing \(node.label.lowercased()) or a new one" : node.help))
        if Self.commandsTakingPatterns.contains(command) {
            result.items.append(.placeholder("'<pattern>'", "Each existing entry it matches: * any text, ? one character, [abc] one of"))
        }
        if command != .set, command != .edit, command != .cd { result.items.append(.enter) }
        return result
    }

    private func values(of spec: LeafSpec, typing prefix: String) -> Suggestions {
        var items: [Suggestion] = []
        switch spec.type {
        case .boolean:
            items = [.keyword("true", ""), .keyword("false", "")]
        case .enumeration(let values):
            items = values.map { .keyword($0.word, $0.label == $0.word ? "" : $0.label) }
            items += values.filter { $0.label != $0.word }.map { .label($0.label, "= \($0.word)") }
        case .reference(let target):
            let list = ConfigPath(target.map { ConfigPath.Step($0) })
            items = ((try? session.candidate.entryKeys(of: list, startingWith: prefix, limit: Self.keyLimit)) ?? []).map { .literal($0, "") }
        default:
            break
        }
        items.append(.placeholder("<value>", Self.describe(spec)))
        if spec.type == .boolean { items.append(.placeholder("<Enter>", "Set to true")) }
        if spec.type.isSecret { items.append(.placeholder("<Enter>", "Type it unseen, twice")) }
        return Suggestions(items: items)
    }

    /// `text`, `integer 0–300, default 3`, `port, default 443`.
    static func describe(_ spec: LeafSpec) -> String {
        var parts = [spec.type == .secret ? "secret (never shown)" : spec.type.name]
        if let fallback = spec.defaultValue { parts.append("default \(ConfigModelQuoting.word(fallback))") }
        if spec.isMandatory { parts.append("mandatory") }
        return parts.joined(separator: ", ")
    }

    /// The Admin label first, which is how administrators know the screen or field.
    private func describe(_ node: SchemaNode) -> String {
        let help =
            switch node.kind {
            case .leaf(let spec): "\(node.help) (\(Self.describe(spec)))"
            case .list(let key, _): "\(node.help) (list by \(key))"
            case .container: node.help
            }
        return "\"\(node.label)\": \(help)"
    }
}
