import ConfigModel
import ConfigStore
import Foundation
import LineEditing
import ShellCore

/// The shell at a keyboard: the user's persisted candidate, errors that do not end the
/// session, a prompt showing where the user is and whether changes are pending, and —
/// when stdin and stdout are terminals — line editing, completion, `?` help and a pager.
public final class InteractiveShell {
    let session: Session
    let console: Console
    /// Set when the connection to the store was lost: the next command connects again.
    private var connectsFirst = false
    /// The line whose command lost the connection, offered again at the next prompt.
    private var keptLine: String?
    /// The prompt at a terminal, which listens again once the store is reached again.
    private var livePrompt: LivePrompt?

    public init(store: any ConfigStore, options: Session.Options, console: Console) throws {
        self.console = console
        session = try Session(store: store, mode: .interactive, options: options, console: console, source: "interactive")
    }

    public func run() -> ExitCode {
        Interrupt.install()
        announceResumedCandidate()
        let code = Terminal.isInteractive ? runWithEditor() : runPlain()
        warnAboutKeptChanges()
        return code
    }

    /// No terminal: plain lines, no prompt, no escape sequences.
    private func runPlain() -> ExitCode {
        session.io.asker = asker { prompt in
            FileHandle.standardOutput.write(Data(prompt.utf8))
            return Swift.readLine(strippingNewline: true)
        }
        session.io.secretReader = secretReader
        var lineNumber = 0
        while !session.wantsToLeave, let line = Swift.readLine(strippingNewline: true) {
            lineNumber += 1
            if let code = execute(line, lineNumber: lineNumber) { return code }
        }
        return .success
    }

    private func runWithEditor() -> ExitCode {
        let historyPath = Self.historyPath(environment: session.options.environment)
        try? FileManager.default.createDirectory(
            atPath: (historyPath as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let history = HistorySettings(
            path: historyPath, capacity: 1000,
            filter: { [session] line in SecretMasking(session: session).maskedLine(line) })
        guard let editor = LineEditor(programName: "dashell", completer: ShellCompleter(session: session), history: history) else {
            return runPlain()
        }
        session.io.asker = asker { prompt in
            if case .line(let answer) = editor.readLine(prompt: prompt) { return answer }
            return nil
        }
        session.io.secretReader = secretReader
        session.io.pager = Pager(environment: session.options.environment, height: Terminal.height) { [console] in console.out($0) }
        let livePrompt = LivePrompt(session: session)
        self.livePrompt = livePrompt
        var lineNumber = 0
        var pending = ""
        while !session.wantsToLeave {
            if pending.isEmpty, let context = Prompt(session: session).context { console.out(context) }
            (console as? StandardConsole)?.flush()
            let offered = keptLine ?? ""
            keptLine = nil
            let read =
                pending.isEmpty
                ? editor.readLine(prompt: livePrompt.text, startingWith: offered, refreshedBy: livePrompt.refresh)
                : editor.readLine(prompt: "> ", startingWith: offered)
            switch read {
            case .line(let line):
                lineNumber += 1
                if line.hasSuffix("\\"), !line.hasSuffix("\\\\") {
                    pending += line + "\n"
                    continue
                }
                let whole = pending + line
                pending = ""
                if let code = execute(whole, lineNumber: lineNumber) { return code }
            case .interrupt:
                pending = ""
            case .endOfInput:
                return .success
            }
        }
        return .success
    }

    /// Asks wizard questions through `read` (nil: abandoned), re-asking after a bad answer.
    private func asker(_ read: @escaping (String) -> String?) -> Asker {
        { [session, console] question in
            session.io.question = question
            defer { session.io.question = nil }
            while true {
                (console as? StandardConsole)?.flush()
                let shown = question.defaultAnswer.map { " [\($0)]" } ?? ""
                guard let answer = read("  \(question.prompt)\(shown): ") else { return nil }
                let given = answer.isEmpty ? question.defaultAnswer ?? "" : answer
                do {
                    return try question.check(given)
                } catch {
                    console.err("  \(error)")
                }
            }
        }
    }

    /// Reads a secret from the terminal without echo, after what the command printed.
    private var secretReader: (String) -> String? {
        { [console] prompt in
            (console as? StandardConsole)?.flush()
            return HiddenLine.readLine(prompt: prompt)
        }
    }

    /// Runs a line; returns an exit code only when the session cannot go on. A lost
    /// connection to the store is not such a case: the line is kept for the next prompt,
    /// and the next command connects again first.
    private func execute(_ line: String, lineNumber: Int) -> ExitCode? {
        Interrupt.reset()
        defer {
            if Interrupt.isPending { console.err("interrupted") }
            Interrupt.reset()
        }
        do {
            if connectsFirst {
                try session.reconnect()
                livePrompt?.listenAgain()
                connectsFirst = false
                console.err("connected again to \(session.store.location)")
            }
            // A session may stay open past a confirmed publish's deadline.
            try ConfirmedPublish.reportOverdue(session)
            try session.execute(line: line, lineNumber: lineNumber)
        } catch {
            let failure = report(error)
            if failure.losesConnection {
                connectsFirst = true
                keptLine = line
                console.err("the connection to the store is lost; your line is kept, and the next command connects again")
                return nil
            }
            if failure.code == .storeUnavailable { return .storeUnavailable }
        }
        return nil
    }

    /// Prints why a command failed; a sourced file's failure names its file, line and
    /// column, as in a script.
    private func report(_ error: Error) -> CommandError {
        if let failure = error as? ScriptFailure {
            for line in failure.report { console.err(line) }
            return failure.error
        }
        let failure = CommandError.from(error)
        console.err("error: \(failure.message)")
        for detail in failure.details { console.err("  \(detail)") }
        return failure
    }

    /// The file the shell keeps entered lines in: `$XDG_STATE_HOME/dashell/history`, or
    /// `~/.local/state/dashell/history`.
    public static func historyPath(environment: [String: String]) -> String {
        let stateHome =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return stateHome + "/dashell/history"
    }

    private func announceResumedCandidate() {
        guard let status = try? session.candidate.status(), status.pendingChanges > 0 else { return }
        let stale = status.isStale ? " (stale: the latest revision is \(status.latestRevision); run update)" : ""
        console.err(
            "Resuming your candidate: \(status.pendingChanges) unpublished change\(status.pendingChanges == 1 ? "" : "s") based on revision \(status.baseRevision)\(stale)"
        )
    }

    /// Says where the changes wait, since leaving (`quit`, or Ctrl-D at any level) does
    /// not publish them: the user's candidate in this store, which the next session opens.
    private func warnAboutKeptChanges() {
        guard let status = try? session.candidate.status(), status.pendingChanges > 0 else { return }
        let changes = "\(status.pendingChanges) unpublished change\(status.pendingChanges == 1 ? "" : "s")"
        let place = "user \(session.options.user), store \(session.store.location)"
        console.err("warning: \(changes) kept in your candidate (\(place)); your next session resumes it")
    }
}
