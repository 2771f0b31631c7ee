/// Where a renderer's lines go: to the caller, or only into a count. A renderer decides
/// which lines there are and what each says once, for both; a line's text is made only by an
/// output that takes it, so that `| count` of a million entries counts exactly the lines
/// `show` would print without building one of them.
///
/// A class, so that a visitor may fill its own caches while the text of a line is made.
protocol LineOutput: AnyObject {
    func line(_ text: @autoclosure () throws -> String) throws
}

/// Hands each line to the caller's `emit`.
final class EmittedLines: LineOutput {
    private let emit: (String) throws -> Void

    init(_ emit: @escaping (String) throws -> Void) {
        self.emit = emit
    }

    func line(_ text: @autoclosure () throws -> String) throws {
        try emit(text())
    }
}

/// Counts the lines without making them.
final class CountedLines: LineOutput {
    private(set) var count = 0

    func line(_ text: @autoclosure () throws -> String) {
        count += 1
    }
}
