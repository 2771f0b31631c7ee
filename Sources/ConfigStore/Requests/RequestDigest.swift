import ConfigModel

extension ChangeSetDigest {
    /// The SHA-256 of a change request's edits, in key order: each as the change from the
    /// record the author first saw to the record they made, encoded as a publish's change
    /// set is (see `ChangeSetDigest`). Recorded at submission, computed again at approval.
    static func of(_ edits: [(key: RecordKey, edit: CandidateEdit)]) -> String {
        var digest = ChangeSetDigest()
        for (key, edit) in edits { digest.add(RecordChange(key: key, old: edit.base, new: edit.new)) }
        return digest.finish()
    }
}
