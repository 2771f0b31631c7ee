import ConfigModel
import ConfigStore
import Foundation

/// `dashell watch`: prints each revision as it is published, one JSON document per line
/// (`RevisionDocument`), until SIGINT (exit 130) or SIGTERM (exit 0). The integration point
/// for a deploy script, which may stop and start again with `--from` the last revision it
/// saw: revisions are read from the store by number, after the last one printed, so none
/// is missed or printed twice, however the wake-ups come.
///
/// It sleeps in `poll` on the store's revision signal (NOTIFY on PostgreSQL, the file's
/// watch on SQLite) and the stop signals: never a busy loop. A signal stops it between
/// documents, never inside one, so that a reader never gets half a line.
public final class RevisionWatcher {
    private let store: any ConfigStore
    private let document: RevisionDocument
    private let output: FileDescriptorOutput
    /// The last revision printed, or the one to start after.
    private var last: Int
    /// How to exit, once a stop signal has come.
    private var stopping: ExitCode?

    /// A safety net, not the way publishes are learnt: a revision whose wake-up was lost (a
    /// store made by a dashell that did not announce publishes, a publisher killed between
    /// its commit and its announcement) is printed within this many seconds all the same.
    static let safetyNetSeconds: Int32 = 30

    /// Watches `store` (of `schema`) from after revision `from` (nil: the latest), printing
    /// to `output` (standard output by default).
    public init(store: any ConfigStore, schema: SchemaNode, from: Int?, output: Int32 = STDOUT_FILENO) throws {
        self.store = store
        document = RevisionDocument(schema: schema)
        self.output = FileDescriptorOutput(output)
        let latest = try store.latestRevision()
        if let from, from > latest { throw CommandError("no revision \(from); revisions are 0 to \(latest)") }
        last = from ?? latest
    }

    /// Prints revisions until stopped; returns the exit code, or throws when the store or
    /// the output fails.
    public func run() throws -> ExitCode {
        let stop = try StopSignals.install()
        // Made before the first read, so that no publish falls between the two.
        let signal = try store.revisionSignal()
        while true {
            if let code = stopCode() { return code }
            try printPublished()
            var waits = [pollfd(fd: stop, events: Int16(POLLIN), revents: 0), pollfd(fd: signal.fileDescriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&waits, nfds_t(waits.count), Self.safetyNetSeconds * 1000)
            if ready < 0, errno != EINTR { throw CommandError("cannot wait for publishes: \(String(cString: strerror(errno)))") }
            if waits[1].revents != 0 { _ = try signal.drain() }
        }
    }

    /// The exit code a stop signal asks for, once one has come.
    private func stopCode() -> ExitCode? {
        if stopping == nil {
            switch StopSignals.take() {
            case SIGINT: stopping = .interrupted
            case SIGTERM: stopping = .success
            default: break
            }
        }
        return stopping
    }

    /// Every revision after `last` that is published now, oldest first.
    private func printPublished() throws {
        while stopCode() == nil, let revision = try store.revision(last + 1) {
            try document.write(revision, from: store, to: output.write)
            try output.flush()
            last = revision.id
        }
    }
}
