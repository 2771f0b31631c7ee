import Dispatch

/// Lets go of a large value on another thread. Freeing what a bulk publish leaves behind
/// — a hundred thousand keys and records, scattered in memory — takes a good part of a
/// second, and nothing needs to wait for it.
enum BackgroundRelease {
    /// The caller must hold no other reference to what `value` holds, or the last one to let
    /// go frees it.
    static func release<T>(_ value: consuming T) {
        let box = ReleaseBox(value)
        DispatchQueue.global(qos: .utility).async { box.empty() }
    }
}

/// Unchecked: the value goes to the other thread whole and is only dropped there; the
/// caller holds no other reference to it (see `release`).
private final class ReleaseBox<T>: @unchecked Sendable {
    private var value: T?

    init(_ value: consuming T) { self.value = value }

    func empty() { value = nil }
}
