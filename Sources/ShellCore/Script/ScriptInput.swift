import Foundation

/// One unit of non-interactive input: each runs in a fresh candidate.
public enum ScriptInput: Sendable {
    case file(String)
    case commandLine(String)
    case standardInput

    /// The name in `FILE:LINE:COLUMN` messages.
    var displayName: String {
        switch self {
        case .file(let path): path
        case .commandLine: "<command-line>"
        case .standardInput: "<stdin>"
        }
    }

    /// The source recorded in history by a publish, and in the audit trail.
    public var publishSource: String {
        switch self {
        case .file(let path): "script \(path)"
        case .commandLine: "-c"
        case .standardInput: "stdin"
        }
    }

    func text() throws(CommandError) -> String {
        switch self {
        case .file(let path): return try ScriptFile.read(path)
        case .commandLine(let text): return text
        case .standardInput: return try ScriptFile.decode(FileHandle.standardInput.readDataToEndOfFile(), name: "<stdin>")
        }
    }
}
