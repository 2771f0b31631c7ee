import ConfigModel
import Foundation

/// Reads a script or load file whole, with errors a user can act on: missing, a directory,
/// unreadable, or not UTF-8 (with the line of the first bad byte).
enum ScriptFile {
    static func read(_ path: String) throws(CommandError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            switch errno {
            case ENOENT: throw CommandError("cannot read \(path.excerpt): no such file")
            case ENOTDIR: throw CommandError("cannot read \(path.excerpt): a part of the path is not a directory")
            case let code: throw CommandError("cannot read \(path.excerpt): \(String(cString: strerror(code)))")
            }
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw CommandError("cannot read \(path.excerpt): it is a directory") }
        // Read to the end rather than by the size the file reports, so that a pipe or FIFO
        // (`dashell <(generate-script)`, `source /dev/stdin`) is read whole too.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandError("cannot read \(path.excerpt): permission denied or unreadable")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch {
            throw CommandError("cannot read \(path.excerpt): \(error.localizedDescription)")
        }
        return try decode(data, name: path)
    }

    /// The text of `data`, or an error naming the line of its first byte that is not UTF-8,
    /// counting from `firstLine`.
    static func decode(_ data: Data, name: String, firstLine: Int = 1) throws(CommandError) -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        let bytes = [UInt8](data)
        var valid = 0
        // Find the first byte where decoding fails, to name its line.
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        scan: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): valid += UTF8.width(scalar)
            case .emptyInput, .error: break scan
            }
        }
        let line = bytes[..<min(valid, bytes.count)].filter { $0 == UInt8(ascii: "\n") }.count + firstLine
        throw CommandError("\(name.excerpt):\(line): invalid UTF-8 (byte \(valid + 1)); scripts must be UTF-8 text")
    }

    /// An identity for recursion checks: the resolved absolute path.
    static func identity(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}
