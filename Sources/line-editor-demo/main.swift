// Reads lines with LineEditor and a fixed toy vocabulary, printing `LINE:<text>`
// for each line and `INTERRUPT` for each Ctrl-C; Ctrl-D ends with status 0.
//
// Usage: line-editor-demo [HISTORY-FILE]
// The history keeps `password X` as `password ***` and skips lines starting with a blank.
// With a FIFO's path in DEMO_PROMPTS, each text written to it becomes the prompt at once.
import LineEditing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Completes and explains the first word among a few fixed ones.
struct ToyCompleter: Completer {
    static let words: [(word: String, help: String)] = [
        ("set", "Change a value"),
        ("shell", "Start a subshell"),
        ("show", "Show the configuration"),
        ("status", "Show pending changes"),
        ("ångström", "A unit of length"),
    ]

    func complete(_ textBeforeCursor: String) -> Completion {
        let word = currentWord(textBeforeCursor)
        let matches = Self.words.filter { $0.word.hasPrefix(word) }.map { Candidate($0.word) }
        return Completion(replaceLength: word.count, candidates: matches)
    }

    func help(_ textBeforeCursor: String) -> [String] {
        let word = currentWord(textBeforeCursor)
        return Self.words.filter { $0.word.hasPrefix(word) }.map { "  \($0.word)  \($0.help)" }
    }

    func isInsideQuote(_ textBeforeCursor: String) -> Bool {
        textBeforeCursor.filter { $0 == "\"" }.count % 2 == 1
    }

    private func currentWord(_ text: String) -> Substring {
        text.split(separator: " ", omittingEmptySubsequences: false).last ?? ""
    }
}

func storedInHistory(_ line: String) -> String? {
    if line.hasPrefix(" ") { return nil }
    if line.hasPrefix("password ") { return "password ***" }
    return line
}

guard Terminal.isInteractive else {
    while let line = readLine() { print("LINE:\(line)") }
    exit(0)
}
let history = CommandLine.arguments.dropFirst().first.map {
    HistorySettings(path: $0, capacity: 100, filter: storedInHistory)
}
guard let editor = LineEditor(programName: "line-editor-demo", completer: ToyCompleter(), history: history) else {
    print("line-editor-demo: cannot start libedit")
    exit(1)
}
var prompt = "demo> "
/// The FIFO's texts, as prompts that replace the one shown while a line is typed.
let promptChanges: PromptRefresh? = getenv("DEMO_PROMPTS").flatMap { path in
    let fifo = open(path, O_RDONLY | O_NONBLOCK)
    guard fifo >= 0 else { return nil }
    return PromptRefresh(fileDescriptor: fifo) {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(fifo, &buffer, buffer.count)
        guard count > 0 else { return nil }
        prompt = String(decoding: buffer[..<count], as: UTF8.self)
        return prompt
    }
}
reading: while true {
    switch editor.readLine(prompt: prompt, refreshedBy: promptChanges) {
    case .line(let text): print("LINE:\(text)")
    case .interrupt: print("INTERRUPT")
    case .endOfInput: break reading
    }
}
print()
