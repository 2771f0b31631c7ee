import Foundation

/// How configuration output is rendered: `show` defaults to `tree`; `| display` overrides.
public enum DisplayFormat: String, CaseIterable, Sendable {
    case tree, set, json
}

/// A command's output on its way out: through the filters of its pipes (`match`, `except`,
/// `count`) line by line, so that even a million-line `show` streams in constant memory.
final class OutputPipeline {
    enum Filter {
        case match(NSRegularExpression)
        case except(NSRegularExpression)
        case count
    }

    /// Set by `| display`.
    let format: DisplayFormat?
    /// False after `| no-more`.
    let allowsPaging: Bool
    private let filters: [Filter]
    private var counts: [Int]
    private let sink: (String) -> Void
    private let isSinkClosed: () -> Bool
    private(set) var linesWritten = 0

    /// `isSinkClosed` says when `sink` takes no more lines (the pager was quit).
    init(pipes: [PipeStage], sink: @escaping (String) -> Void, isSinkClosed: @escaping () -> Bool = { false }) {
        var format: DisplayFormat?
        var filters: [Filter] = []
        var allowsPaging = true
        for stage in pipes {
            switch stage {
            case .match(let regex): filters.append(.match(regex))
            case .except(let regex): filters.append(.except(regex))
            case .count: filters.append(.count)
            case .display(let chosen): format = chosen
            case .noMore: allowsPaging = false
            }
        }
        self.format = format
        self.allowsPaging = allowsPaging
        self.filters = filters
        counts = Array(repeating: 0, count: filters.count)
        self.sink = sink
        self.isSinkClosed = isSinkClosed
    }

    func line(_ text: String) {
        emit(text, from: 0)
    }

    /// Whether what the command prints from now on goes nowhere: the pager was quit, or
    /// Ctrl-C was pressed. A command printing a long stream ends it there rather than read
    /// the rest of a million entries for nothing.
    var isDiscarding: Bool { Interrupt.isPending || isSinkClosed() }

    /// Whether the first filter counts: nothing reads a line's text before it is counted,
    /// so a command may say how many lines it would write instead of writing them.
    var countsFirst: Bool {
        if case .count = filters.first { true } else { false }
    }

    /// Counts lines that were not written, as if each had been (see `countsFirst`).
    func countUnwritten(_ lines: Int) {
        precondition(countsFirst, "lines counted without their text before a stage that reads it")
        counts[0] += lines
    }

    /// Emits the totals of `| count` stages, each through the stages after it.
    func finish() {
        for (index, filter) in filters.enumerated() {
            if case .count = filter { emit("Count: \(counts[index]) lines", from: index + 1) }
        }
    }

    private func emit(_ text: String, from start: Int) {
        // Ctrl-C while output streams: stop printing; the shell reports it when the command ends.
        if Interrupt.isPending { return }
        var index = start
        while index < filters.count {
            switch filters[index] {
            case .match(let regex):
                guard Self.matches(regex, text) else { return }
            case .except(let regex):
                guard !Self.matches(regex, text) else { return }
            case .count:
                counts[index] += 1
                return
            }
            index += 1
        }
        linesWritten += 1
        sink(text)
    }

    private static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
