import ConfigModel

/// Where a script last set each of some paths, found after a validation failure so that
/// each violation names the line behind it (SPEC §7: `(set at FILE:LINE)`). The script's
/// navigation (`edit`, `up`, `top`, `exit`) is replayed and each `set` and `delete` path
/// resolved as the session resolved it, without running anything: a failure costs one more
/// lexing of the text, a success nothing. Only this text is searched, not the files it
/// sources.
enum SetLines {
    /// For each of `paths`, the last line before `line` whose `set` or `delete` touched it:
    /// the path itself, a leaf inside it, or an entry it lies in.
    static func find(_ paths: [ConfigPath], in text: String, firstLine: Int, before line: Int, session: Session) -> [ConfigPath: Int] {
        var found: [ConfigPath: Int] = [:]
        var location = ConfigPath.root
        let resolver = session.resolver
        scan: for lexed in LexedLines(text: text, firstLine: firstLine, lexer: session.lexer, resolver: resolver) {
            guard case .success(let commands) = lexed.commands else { continue }
            for command in commands {
                guard command.line < line else { break scan }
                guard let name = command.words.first, let spec = try? CommandTable.find(name) else { continue }
                let arguments = command.words.dropFirst().map(\.text)
                switch spec.command {
                case .top:
                    location = .root
                case .up:
                    let levels = arguments.first.flatMap(Int.init) ?? 1
                    location.steps.removeLast(min(max(levels, 0), location.steps.count))
                case .exit:
                    if !location.isRoot { location = location.parent }
                case .edit, .cd:
                    if let resolution = try? resolver.resolve(arguments, from: location), !resolution.node.isLeaf { location = resolution.path }
                case .set, .delete:
                    guard let touched = try? resolver.resolve(arguments, from: location, allowingPatterns: true).path else { continue }
                    if let pattern = EntryPattern(touched) {
                        for path in paths where pattern.overlaps(path) { found[path] = command.line }
                    } else {
                        for path in paths where path.isWithin(touched) || touched.isWithin(path) { found[path] = command.line }
                    }
                default:
                    continue
                }
            }
        }
        return found
    }
}
