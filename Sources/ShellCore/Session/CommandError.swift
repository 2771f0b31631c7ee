import ConfigModel
import ConfigStore

/// Why a command failed: the message, the exit code it maps to, the word it is about (for
/// `FILE:LINE:COLUMN`), the configuration path if any, and detail lines (one per violation).
public struct CommandError: Error, CustomStringConvertible {
    public let code: ExitCode
    public let message: String
    public var word: Word?
    public var path: ConfigPath?
    public var details: [String]
    /// The connection to the store was lost: an interactive session goes on, and connects
    /// again at the next command.
    public var losesConnection = false
    /// The errors of a failed validation, one per detail line, for a script to say which of
    /// its lines set each path.
    public var violations: [Violation] = []

    public init(_ message: String, code: ExitCode = .commandFailed, at word: Word? = nil, path: ConfigPath? = nil, details: [String] = []) {
        self.code = code
        self.message = message
        self.word = word
        self.path = path
        self.details = details
    }

    public var description: String { message }

    /// Maps the errors of the layers below to the shell's, in one place.
    public static func from(_ error: Error, at word: Word? = nil) -> CommandError {
        switch error {
        case let error as CommandError: error
        case let error as StoreError: storeFailure(error, at: word)
        case let error as NoSuchRevision: CommandError(error.description, at: word)
        case let error as RequestNotOpen: CommandError(error.description, at: word)
        case let error as AccessRefusal: CommandError(error.description, code: .permissionDenied, at: word, path: error.path)
        case let error as EditError: CommandError(error.description, at: word, path: error.path)
        case let error as PathError: CommandError(error.message, at: word, path: error.path)
        case let error as ValueError: CommandError(error.description, at: word)
        case let error as LexError: CommandError(error.message, at: Word(text: "", line: error.line, column: error.column, isQuoted: false))
        default: CommandError("\(error)", at: word)
        }
    }

    private static func storeFailure(_ error: StoreError, at word: Word?) -> CommandError {
        var failure = CommandError(error.description, code: .storeUnavailable, at: word)
        if case .unreachable = error { failure.losesConnection = true }
        return failure
    }
}
