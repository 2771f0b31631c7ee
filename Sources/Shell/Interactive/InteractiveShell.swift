import ConfigModel
import ConfigStore
import Foundation

/// The shell at a keyboard: the user's persisted candidate, errors that do not end the
/// session, and a prompt showing where the user is and whether changes are pending.
public final class InteractiveShell {
    let session: Session?
    let console: Console
    private let startError: CommandError?

    public init(store: any ConfigStore, options: Session.Options, console: Console) {
        self.console = console
        do {
            session = try Session(store: store, mode: .interactive, options: options, console: console, source: "interactive")
            startError = nil
        } catch {
            session = nil
            startError = CommandError.from(error)
        }
    }

    public func run() -> ExitCode {
        guard let session else {
            console.err("dashell: error: \(startError?.message ?? "cannot start")")
            return startError?.code ?? .storeUnavailable
        }
        announceResumedCandidate(session)
        let showsPrompt = isatty(0) == 1 && isatty(1) == 1
        var lineNumber = 0
        while !session.wantsToLeave {
            if showsPrompt {
                (console as? StandardConsole)?.flush()
                FileHandle.standardOutput.write(Data(Prompt(session: session).text.utf8))
            }
            guard let line = readLine(strippingNewline: true) else { break }
            lineNumber += 1
            do {
                try session.execute(line: line, lineNumber: lineNumber)
            } catch {
                let failure = CommandError.from(error)
                console.err("error: \(failure.message)")
                for detail in failure.details { console.err(detail) }
                if failure.code == .storeUnavailable { return .storeUnavailable }
            }
        }
        warnAboutKeptChanges(session)
        return .success
    }

    private func announceResumedCandidate(_ session: Session) {
        guard let status = try? session.candidate.status(), status.pendingChanges > 0 else { return }
        console.err("Resuming your candidate: \(status.pendingChanges) unpublished change\(status.pendingChanges == 1 ? "" : "s") based on revision \(status.baseRevision)\(status.isStale ? " (stale: latest is \(status.latestRevision); run update)" : "")")
    }

    private func warnAboutKeptChanges(_ session: Session) {
        guard let status = try? session.candidate.status(), status.pendingChanges > 0 else { return }
        console.err("warning: \(status.pendingChanges) unpublished change\(status.pendingChanges == 1 ? "" : "s") kept in your candidate for next time")
    }
}

/// `alice@dashell [manage-system distribution-services]*!> `: user, location, `*` while
/// changes are pending, `!` while the candidate's base is behind the latest revision.
struct Prompt {
    let session: Session

    var text: String {
        let status = try? session.candidate.status()
        let pending = (status?.pendingChanges ?? 0) > 0 ? "*" : ""
        let stale = status?.isStale == true ? "!" : ""
        let location = session.location.isRoot ? "" : " [\(session.location)]"
        return "\(session.options.user)@dashell\(location)\(pending)\(stale)> "
    }
}
