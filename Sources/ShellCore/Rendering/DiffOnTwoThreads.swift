import ConfigModel
import Dispatch

extension DiffRenderer {
    /// The lines of `render`, made on two threads when the change is large (a bulk `check`
    /// prints 100,000 records). The change is taken in windows of up to `2 × window`
    /// records: the second half of each is rendered aside while the first is written, then
    /// written after it — the order is the same, and at most `window` records' lines wait in
    /// memory.
    func renderOnTwoThreads(_ changes: [RecordChange], to emit: (String) throws -> Void) throws {
        guard changes.count >= Self.splitThreshold else { return try render(changes, to: emit) }
        var start = 0
        while start < changes.count {
            let end = min(start + 2 * Self.window, changes.count), middle = start + (end - start) / 2
            let aside = AsideLines(), renderer = self, later = changes[middle..<end]
            DispatchQueue.global().async {
                // Rendering only fails when `emit` does; collecting lines cannot.
                try? renderer.render(later) { aside.lines.append($0) }
                aside.done.signal()
            }
            let written = Result { try render(changes[start..<middle], to: emit) }
            // The other thread is done before this returns, even when `emit` failed.
            aside.done.wait()
            try written.get()
            for line in aside.lines { try emit(line) }
            start = end
        }
    }

    /// Below this many records one thread renders the whole.
    static let splitThreshold = 2_000
    /// Records per half window.
    static let window = 10_000
}

/// Lines rendered on the second thread, handed over once `done` is signalled.
///
/// Unchecked: the second thread writes `lines` before signalling `done`; the first reads
/// them only after waiting on it.
private final class AsideLines: @unchecked Sendable {
    var lines: [String] = []
    let done = DispatchSemaphore(value: 0)
}
