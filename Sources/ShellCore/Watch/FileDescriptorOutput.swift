import Foundation

/// Text written to a file descriptor through a buffer, flushed when the caller says (at the
/// end of each `watch` document) or when it grows large. Unlike the console, a write that
/// fails is an error: a watcher whose reader has gone must stop, not print into nothing.
final class FileDescriptorOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw CommandError("cannot write the output: \(String(cString: strerror(errno)))") }
                offset += written
            }
        }
    }
}
