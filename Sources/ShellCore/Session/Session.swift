import ConfigModel
import ConfigStore
import Foundation

/// The state a command acts on: the store, the candidate being edited, the current
/// location, and where the input in progress stands (leaving, files being sourced). How it
/// meets the outside world is its `io`. The same engine serves the interactive shell,
/// script files, `-c`, stdin, `source` and `load`.
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
        /// Starts what publishes the revert of a confirmed publish (`publish confirmed`) at
        /// its deadline, given its revision, even after this process has exited; without
        /// it, the first command after the deadline does.
        public var startRevertTimer: (@Sendable (_ revision: Int) throws -> Void)?

        public init(user: String) {
            self.user = user
        }
    }

    public let store: any ConfigStore
    public let mode: Mode
    public let options: Options
    public internal(set) var candidate: any Candidate
    public internal(set) var location: ConfigPath = .root
    public let io: SessionIO
    let resolver: PathResolver
    let lexer: Lexer
    /// The source recorded with a publish: `interactive`, `script FILE`, `-c`, `stdin`.
    var publishSource: String
    /// Set by `exit` at the top or `quit`: the input in progress ends.
    public internal(set) var wantsToLeave = false
    /// Set by `quit`: unlike `exit` at the top of a sourced file, it ends the sourcing input too.
    var quits = false
    /// How many commands are running, one inside another: the commands of a sourced or
    /// loaded file run as part of the command that runs the file.
    private var commandDepth = 0
    /// Files being sourced, innermost last, to refuse a file that sources itself.
    var sourceStack: [String] = []
    /// Commands entered in this session, for `history`.
    public internal(set) var commandHistory: [String] = []
    /// What the user may change, with the revision it was read at.
    private var permissionsRead: (revision: Int, permissions: any Permissions)?

    public init(store: any ConfigStore, mode: Mode, options: Options, console: any Console, source: String) throws {
        self.store = store
        self.mode = mode
        self.options = options
        io = SessionIO(console: console)
        publishSource = source
        candidate = mode == .interactive ? try store.candidate(for: options.user) : try store.scratchCandidate()
        resolver = PathResolver(schema: candidate.schema)
        let variables = options.variables, environment = options.environment
        lexer = Lexer(keywordsOf: candidate.schema) { name in variables[name] ?? environment[name] }
    }

    var schema: SchemaNode { candidate.schema }

    /// Connects again after the store's connection was lost, and reopens the candidate as
    /// the store kept it: every command that finished was saved there, and the one that
    /// failed was undone.
    public func reconnect() throws {
        try store.reconnect()
        try reopenCandidate()
    }

    /// Reads the user's candidate again from the store (after the store changed it: a
    /// reconnection, a request returned to it).
    func reopenCandidate() throws {
        candidate = mode == .interactive ? try store.candidate(for: options.user) : try store.scratchCandidate()
        permissionsRead = nil
    }

    /// What the user may do, read again when it may have changed: at a keyboard whenever
    /// another revision was published, in a script once (its publish checks again, against
    /// what is published then). The candidate refuses edits beyond it.
    @discardableResult
    func refreshPermissions() throws -> any Permissions {
        if let read = permissionsRead, mode != .interactive { return read.permissions }
        let latest = try store.latestRevision()
        if let read = permissionsRead, read.revision == latest { return read.permissions }
        let permissions = try store.permissions(of: options.user)
        permissionsRead = (latest, permissions)
        candidate.permissions = permissions
        return permissions
    }

    /// Leaves the candidate and location as they were if `body` fails. Commands run inside
    /// another (those of a sourced file) belong to it: only the outermost commits, and a
    /// failure anywhere undoes the outermost command whole.
    func transactionally<T>(_ body: () throws -> T) throws -> T {
        let location = self.location
        let isOutermost = commandDepth == 0
        if isOutermost { try refreshPermissions() }
        commandDepth += 1
        defer { commandDepth -= 1 }
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

    var console: any Console { io.console }

    /// Whether the running command was typed at the keyboard, not read from a file that
    /// `source` or `load` runs: only such a command may stop to ask, since a file's lines,
    /// like a script's, never do.
    var runsTypedCommand: Bool { io.asker != nil && commandDepth <= 1 }

    /// Whether `text` (a line being typed) ends inside an open quote, where `?` is an
    /// ordinary character.
    public func isInsideQuote(_ text: String) -> Bool {
        lexer.lexPartial(text).openQuote != nil
    }

    func warn(_ message: String) {
        io.console.err("warning: \(message)")
    }
}
