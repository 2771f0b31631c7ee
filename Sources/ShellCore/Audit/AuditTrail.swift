import ConfigModel
import ConfigStore

/// What the shell appends to the audit trail itself: every refusal (exit 6), whatever
/// refused it — an edit beyond one's privileges, a publish without `publish`, `show audit`
/// without `view-logs`. A publish's record is the store's, appended with the revision.
public enum AuditTrail {
    /// The privilege `show audit` and `audit verify` need (SPEC §11).
    static let viewLogs = "view-logs"

    /// Appends the refusal of `action` to `user`, who saw `message`; returns a warning to
    /// print when it could not be appended. The refusal stands either way: nothing was
    /// changed, and the exit code is still 6.
    public static func recordRefusal(
        _ message: String, action: AuditAction, user: String, source: String, digest: String? = nil, in store: any ConfigStore
    ) -> String? {
        do {
            try store.appendAudit(AuditEvent(action: action, user: user, source: source, outcome: .refused, detail: message, digest: digest))
            return nil
        } catch {
            return "the refusal could not be recorded in the audit trail: \(CommandError.from(error).message)"
        }
    }
}

extension Session {
    /// Records `failure` in the audit trail when it is a refusal of `command`. A refused
    /// `publish` records the SHA-256 of the change set it would have published.
    func recordRefusal(_ failure: CommandError, of command: Command) {
        guard failure.code == .permissionDenied else { return }
        let digest = command == .publish ? try? candidateDigest() : nil
        let warning = AuditTrail.recordRefusal(
            failure.message, action: AuditAction(command.name), user: options.user, source: publishSource, digest: digest, in: store)
        if let warning { warn(warning) }
    }

    /// The digest of the candidate's change set, a window at a time.
    private func candidateDigest() throws -> String {
        var digest = ChangeSetDigest()
        try candidate.forEachChangeWindow(under: RecordKey(.root)) { digest.add($0) }
        return digest.finish()
    }
}
