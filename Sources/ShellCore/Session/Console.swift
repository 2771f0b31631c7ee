import Foundation

/// Where a session writes: results to `out`, diagnostics to `err`. Tests capture both.
public protocol Console: AnyObject {
    func out(_ line: String)
    func err(_ line: String)
}

/// The process's standard output and error, buffered: scripts print many short lines.
public final class StandardConsole: Console {
    private var buffer: [UInt8] = []

    public init() {}

    public func out(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    public func err(_ line: String) {
        flush()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Collects output in memory.
public final class CapturingConsole: Console {
    public private(set) var output: [String] = []
    public private(set) var errors: [String] = []

    public init() {}

    public func out(_ line: String) { output.append(line) }
    public func err(_ line: String) { errors.append(line) }
}
