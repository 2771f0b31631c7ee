import Foundation

/// A large script file read a segment of whole logical lines at a time, so that running it
/// holds one segment in memory instead of the file: a million users' import is 370 MB of
/// text. A segment ends at a line break that does not continue the line (quotes never span
/// lines), so that each is lexed as it would be within the whole.
///
/// The file is read twice: first to check that all of it is UTF-8, and to count its lines
/// for the progress line, so that a script with a bad byte anywhere runs no line at all, as
/// when it is read whole; then to run it. Only regular files of `threshold` bytes or more
/// are read so; pipes and shorter files are read whole.
struct ScriptSegments {
    let path: String
    /// Physical lines in the file.
    let lines: Int

    static let threshold = 16 << 20
    /// Bytes read at a time; a segment is about this long.
    static let readSize = 4 << 20

    /// The file at `path` in segments, or nil when it is better read whole.
    static func open(_ path: String) throws -> ScriptSegments? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size >= threshold else { return nil }
        var lines = 0
        try readSegments(of: path) { _, firstLine, count in
            lines = firstLine + count - 1
            return true
        }
        return ScriptSegments(path: path, lines: lines)
    }

    /// Each segment with the line it starts at, until `body` returns false.
    func forEachSegment(_ body: (String, Int) throws -> Bool) throws {
        try Self.readSegments(of: path) { text, firstLine, _ in try body(text, firstLine) }
    }

    /// Reads the file a segment at a time, decoding each: `body` gets its text, the line it
    /// starts at and the number of line breaks in it.
    private static func readSegments(of path: String, _ body: (String, Int, Int) throws -> Bool) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandError("cannot read \(path.excerpt): permission denied or unreadable")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var line = 1
        var atEnd = false
        while !(atEnd && pending.isEmpty) {
            if !atEnd {
                let data: Data
                do { data = try handle.read(upToCount: readSize) ?? Data() } catch {
                    throw CommandError("cannot read \(path.excerpt): \(error.localizedDescription)")
                }
                if data.isEmpty { atEnd = true } else { pending.append(contentsOf: data) }
            }
            guard let cut = atEnd ? pending.count : lastLineEnd(in: pending) else { continue }
            let bytes = pending[..<cut]
            let breaks = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                _ = try ScriptFile.decode(Data(bytes), name: path, firstLine: line)
                return
            }
            guard try body(text, line, breaks) else { return }
            line += breaks
            pending.removeFirst(cut)
        }
    }

    /// Just past the last line break in `bytes` that ends a line not continued by a
    /// backslash; nil when there is none.
    private static func lastLineEnd(in bytes: [UInt8]) -> Int? {
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] == UInt8(ascii: "\n") {
                var last = index - 1
                if last >= 0, bytes[last] == UInt8(ascii: "\r") { last -= 1 }
                if last < 0 || bytes[last] != UInt8(ascii: "\\") { return index + 1 }
            }
            index -= 1
        }
        return nil
    }
}
