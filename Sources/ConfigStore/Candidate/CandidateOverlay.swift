import ConfigModel

/// A candidate's edits as a view shows them: in memory, or spilled to the storage once they
/// outgrew it (see `SpillArea`). A spilled candidate's newest edits are spilled too before
/// any view of it is made, so a view reads one or the other, never both.
enum CandidateOverlay: RecordOverlay {
    case memory(EditLog)
    case spilled(SpillArea, reads: any StorageReads)

    func replacement(for key: RecordKey) throws -> Record?? {
        switch self {
        case .memory(let edits):
            return edits.replacement(for: key)
        case .spilled(let area, let reads):
            guard let (found, edit) = try reads.spilledEdits(in: area, after: key.encoded, inclusive: true, below: Self.end, limit: 1).first,
                found == key
            else { return nil }
            return .some(edit.new)
        }
    }

    func replacements(after lower: String, inclusive: Bool, below upper: String, limit: Int) throws -> [(key: RecordKey, record: Record?)] {
        switch self {
        case .memory(let edits):
            edits.replacements(after: lower, inclusive: inclusive, below: upper, limit: limit)
        case .spilled(let area, let reads):
            try reads.spilledEdits(in: area, after: lower, inclusive: inclusive, below: upper, limit: limit).map { ($0.key, $0.edit.new) }
        }
    }

    /// Above every record key.
    static let end = "\u{10FFFF}"
}
