#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `RevisionSignal` raised within the process, through a pipe: `MemoryStorage`'s, whose
/// publishes all happen in the process that holds it.
final class PipeSignal: RevisionSignal, Sendable {
    let fileDescriptor: Int32
    private let writeEnd: Int32

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw StoreError.failed(path: "memory", reason: String(cString: strerror(errno))) }
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        fileDescriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(fileDescriptor)
        close(writeEnd)
    }

    /// Makes the descriptor readable; a pipe already full is readable already.
    func raise() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    func drain() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var drained = false
        while read(fileDescriptor, &buffer, buffer.count) > 0 { drained = true }
        return drained
    }
}
