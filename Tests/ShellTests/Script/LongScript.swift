@testable import ShellCore

/// Lines for a script long enough to be lexed ahead on a second thread: `line(index)` for
/// index 0, 1, … until the text is `margin` bytes over `LexedLines.aheadThreshold`.
func longScriptLines(over margin: Int, _ line: (Int) -> String) -> [String] {
    var lines: [String] = []
    var size = 0
    while size < LexedLines.aheadThreshold + margin {
        lines.append(line(lines.count))
        size += lines[lines.count - 1].utf8.count + 1
    }
    return lines
}
