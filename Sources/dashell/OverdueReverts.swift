import ConfigStore
import Foundation
import ShellCore

/// Reverts of confirmed publishes whose timer could not run (killed, the host down): the
/// first dashell command after the deadline publishes them, whoever runs it, and says so.
enum OverdueReverts {
    static func revert(in store: RevisionedStore) {
        do {
            for revert in try store.revertOverdue() {
                FileHandle.standardError.write(Data("dashell: \(ConfirmedPublish.message(revert))\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("warning: could not check for publishes left unconfirmed: \(error)\n".utf8))
        }
    }
}
