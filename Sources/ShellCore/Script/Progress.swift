import Foundation

/// A progress line on stderr for runs longer than a second, only when stderr is a terminal.
final class Progress {
    private let total: Int
    private let label: String
    private let start = Date()
    private var lastShown = Date.distantPast
    private var shown = false

    /// Nil when stderr is not a terminal: then nothing is ever printed, and the lines of
    /// `text` are not even counted.
    convenience init?(label: String, text: String) {
        guard isatty(2) == 1 else { return nil }
        var lines = 0
        for byte in text.utf8 where byte == UInt8(ascii: "\n") { lines += 1 }
        self.init(label: label, lines: lines)
    }

    /// For a script of `lines` lines counted already; nil when stderr is not a terminal.
    init?(label: String, lines: Int) {
        guard isatty(2) == 1 else { return nil }
        self.label = label
        total = lines
    }

    func advance(to line: Int) {
        guard line % 256 == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(start) > 1, now.timeIntervalSince(lastShown) > 0.2 else { return }
        lastShown = now
        shown = true
        let rate = Int(Double(line) / now.timeIntervalSince(start))
        FileHandle.standardError.write(Data("\r\(label): line \(line) of \(total), \(rate) lines/s\u{1B}[K".utf8))
    }

    deinit {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
