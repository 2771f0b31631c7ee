import ConfigModel

/// `show` of a path with a pattern for a key (SPEC §5): the part of each matching entry the
/// path names, in key order, one entry at a time. Each format stays what it is for one
/// path: an outline names each entry above its lines (`user alice`, then `  email …`), as
/// `show` of the whole list would; `set` lines name their whole path already; JSON is an
/// array holding the document of each match. Once the output goes nowhere (the pager was
/// quit) it stops.
struct ShowMatches {
    let pattern: EntryPattern
    let config: any ConfigReader
    let invocation: Invocation

    /// Shows every match that exists throughout, and says on stderr how many there were.
    func run() throws {
        let format = invocation.output.format ?? (invocation.session.options.json ? .json : .tree)
        let collectsDocument = invocation.session.options.json && invocation.output.format == nil
        var documents: [String] = []
        var json = JSONArrayLines(print: invocation.printStreamed)
        var matched = 0
        do {
            try pattern.forEachMatch(in: config) { path in
                guard try config.missingEntry(along: path) == nil else { return true }
                matched += 1
                switch format {
                case _ where collectsDocument:
                    var text = ""
                    try JSONRenderer().render(config, under: path) { text += $0.drop(while: { $0 == " " }) }
                    documents.append(text)
                case .json:
                    try json.startElement()
                    try JSONRenderer().render(config, under: path) { try json.line($0) }
                case .set:
                    try SetRenderer().render(config, under: path, to: invocation.printStreamed)
                case .tree:
                    try invocation.printStreamed(heading(of: path))
                    try TreeRenderer().render(config, under: path) { try invocation.printStreamed("  " + $0) }
                }
                return !invocation.output.isDiscarding
            }
        } catch is StreamEnded {}
        guard matched > 0 else {
            throw CommandError("no entry matches \(pattern.selectionDescription)", at: BulkEdit.patternWord(of: invocation), path: pattern.selection)
        }
        if Interrupt.isPending { throw CommandError("show interrupted", code: .interrupted, at: invocation.name) }
        // The pager was quit: what was shown is not all that matched.
        guard !invocation.output.isDiscarding else { return }
        if collectsDocument { invocation.data = .raw("[" + documents.joined(separator: ",") + "]") }
        if format == .json, !collectsDocument { try json.finish() }
        invocation.notes.append("\(matched) matching entr\(matched == 1 ? "y" : "ies")")
    }

    /// The words of `path` from the first pattern on, without a leaf at the end (the
    /// outline shows a leaf as its own line): what names the match above its lines.
    private func heading(of path: ConfigPath) -> String {
        var steps = path.steps[pattern.firstPatternIndex...]
        if config.schema.node(at: path)?.isLeaf == true { steps = steps.dropLast() }
        return ConfigPath(Array(steps)).description
    }
}

/// The lines of a JSON array of documents printed one after another: a comma must follow
/// each document but the last, so each document's last line is held until the next begins.
private struct JSONArrayLines {
    let print: (String) throws -> Void
    private var held: String?
    private var started = false

    init(print: @escaping (String) throws -> Void) {
        self.print = print
    }

    mutating func startElement() throws {
        if let held { try print(held + ",") } else if !started { try print("[") }
        started = true
        held = nil
    }

    mutating func line(_ text: String) throws {
        if let held { try print(held) }
        held = "  " + text
    }

    mutating func finish() throws {
        if let held { try print(held) }
        try print("]")
    }
}
