import ConfigModel
import ConfigStore
import Foundation

/// The state one shell or script run works in: the store, the candidate being edited, the
/// current location, and how output is shown. The same engine serves the interactive
/// shell, script files, `-c`, stdin and `source`.
public final class Session {
    public enum Mode: Sendable, Equatable {
        /// The user's persisted candidate, prompts, pager.
        case interactive
        /// A scratch candidate; `publish` records `source`.
        case script
        /// A scratch candidate; `publish` only validates.
        case check
    }

    public struct Options: Sendable {
        public var user: String
        public var json = false
        public var color = false
        public var variables: [String: String] = [:]
        public var environment: [String: String] = ProcessInfo.processInfo.environment
        /// The guided dialogues `wizard` offers, by topic.
        public var wizards: [any Wizard] = []

        public init(user: String) {
            self.user = user
        }
    }

    public let store: any ConfigStore
    public let mode: Mode
    public let options: Options
    public internal(set) var candidate: any Candidate
    public internal(set) var location: ConfigPath = .root
    let console: Console
    /// `console.out` as a function, made once: a script's every command writes through it.
    let consoleOut: (String) -> Void
    let resolver: PathResolver
    let lexer: Lexer
    /// The source recorded with a publish: `interactive`, `script FILE`, `-c`, `stdin`.
    var publishSource: String
    /// Set by `exit` at the top or `quit`: the input in progress ends.
    public internal(set) var wantsToLeave = false
    /// Set by `quit`: unlike `exit` at the top of a sourced file, it ends the sourcing input too.
    var quits = false
    /// Whether a command is running, so that the commands of a sourced file run as part of it.
    private var inCommand = false
    /// Files being sourced, innermost last, to refuse a file that sources itself.
    var sourceStack: [String] = []
    /// Asks the questions of a wizard at the keyboard; nil in scripts.
    var asker: Asker?
    /// The wizard question being answered, which completion and `?` then serve.
    var question: Question?
    /// Long output at a terminal; nil in scripts.
    var pager: Pager?
    /// Commands entered in this session, for `history`.
    public internal(set) var commandHistory: [String] = []

    public init(store: any ConfigStore, mode: Mode, options: Options, console: Console, source: String) throws {
        self.store = store
        self.mode = mode
        self.options = options
        self.console = console
        consoleOut = console.out
        publishSource = source
        candidate = mode == .interactive ? try store.candidate(for: options.user) : try store.scratchCandidate()
        resolver = PathResolver(schema: candidate.schema)
        let variables = options.variables, environment = options.environment
        lexer = Lexer(keywordsOf: candidate.schema) { name in variables[name] ?? environment[name] }
    }

    var schema: SchemaNode { candidate.schema }

    /// Leaves the candidate and location as they were if `body` fails. Commands run inside
    /// another (those of a sourced file) belong to it: only the outermost commits, and a
    /// failure anywhere undoes the outermost command whole.
    func transactionally<T>(_ body: () throws -> T) throws -> T {
        let location = self.location
        let isOutermost = !inCommand
        inCommand = true
        defer { if isOutermost { inCommand = false } }
        do {
            let result = try body()
            if isOutermost { try candidate.commitCommand() }
            return result
        } catch {
            if isOutermost { candidate.revertCommand() }
            self.location = location
            throw error
        }
    }

    func warn(_ message: String) {
        console.err("warning: \(message)")
    }
}
