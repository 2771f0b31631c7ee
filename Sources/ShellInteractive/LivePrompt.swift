import ConfigStore
import LineEditing
import ShellCore

/// Keeps the prompt true while the user types: when another administrator publishes, the
/// `!` marker of a stale candidate appears at once, not after the next command (SPEC §10).
/// The store's revision signal wakes the editor, which redraws the prompt with the line
/// typed so far. An empty candidate follows the latest revision, so only one with changes
/// shows anything new.
final class LivePrompt {
    private let session: Session
    /// Nil when the store cannot signal publishes, or stopped being able to (a lost
    /// server): the prompt is then brought up to date by each command only.
    private var signal: (any RevisionSignal)?
    /// The prompt as last shown.
    private var shown = ""

    init(session: Session) {
        self.session = session
        signal = try? session.store.revisionSignal()
    }

    /// Listens anew, after the store was reached again: the signal died with the server.
    func listenAgain() {
        signal = try? session.store.revisionSignal()
    }

    /// The current prompt, which the caller shows.
    var text: String {
        shown = Prompt(session: session).text
        return shown
    }

    /// How the editor learns of a publish while it reads a line at this prompt.
    var refresh: PromptRefresh? {
        guard let signal else { return nil }
        return PromptRefresh(fileDescriptor: signal.fileDescriptor) { [self] in
            do {
                guard try signal.drain() else { return shown }
            } catch {
                self.signal = nil
                return nil
            }
            return text
        }
    }
}
