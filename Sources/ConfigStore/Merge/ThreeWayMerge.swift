import ConfigModel

/// A leaf (or an entry) changed differently here and in a revision published meanwhile.
/// It says what each side did, so that the user can decide without looking it up.
public struct MergeConflict: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The same leaf holds different values on each side; nil is unset.
        case leaf(yours: String?, published: String?)
        /// The entry is deleted here, while the newer revision changed it.
        case deletedHere
        /// The entry changed here, while the newer revision deleted it.
        case deletedThere
        /// The newer revision added this record inside `entry`, which is deleted here.
        case addedThereInside(entry: RecordKey)
        /// This record was added here inside `entry`, which the newer revision deleted.
        case addedHereInside(entry: RecordKey)
    }

    /// The revision that made the published side what it is, and who published it.
    public struct Publication: Hashable, Sendable {
        public let revision: Int
        public let user: String
    }

    public let key: RecordKey
    /// The conflicting leaf, or nil when the conflict is about the record itself.
    public let leaf: String?
    public let kind: Kind
    /// Nil from the merge alone, which sees records but not revisions: the store fills it
    /// in from its change log (see `ConflictAttribution`).
    public let publication: Publication?

    init(_ key: RecordKey, leaf: String? = nil, _ kind: Kind, publication: Publication? = nil) {
        self.key = key
        self.leaf = leaf
        self.kind = kind
        self.publication = publication
    }

    public var path: String { leaf.map { "\(key) \($0)" } ?? key.description }

    /// What the message names as the other side: `revision 12 by bob`.
    private var publisher: String {
        publication.map { "revision \($0.revision) by \($0.user)" } ?? "a newer revision"
    }

    public var reason: String {
        switch kind {
        case .leaf(let yours, let published):
            "yours \(Self.show(yours)), published \(Self.show(published)) in \(publisher)"
        case .deletedHere:
            "deleted here, but changed in \(publisher)"
        case .deletedThere:
            "changed here, but deleted in \(publisher)"
        case .addedThereInside(let entry):
            "added in \(publisher) inside \(entry), which is deleted here"
        case .addedHereInside(let entry):
            "added here inside \(entry), which \(publisher) deleted"
        }
    }

    public var description: String { "\(path): \(reason)" }

    private static func show(_ value: String?) -> String {
        value.map(Quoting.word) ?? "(unset)"
    }
}

/// Per-leaf three-way merge of one record: `base` is what the candidate started from,
/// `mine` the candidate's version, `theirs` the published one. Different leaves merge;
/// the same leaf changed to different values, or an entry deleted on one side while
/// changed on the other, conflicts.
public enum ThreeWayMerge {
    public struct Result: Equatable {
        /// The merged record; where a leaf conflicts, the published value stands.
        public let record: ConfigModel.Record?
        public let conflicts: [MergeConflict]
    }

    public static func merge(_ key: RecordKey, base: ConfigModel.Record?, mine: ConfigModel.Record?, theirs: ConfigModel.Record?) -> Result {
        if theirs == base || mine == theirs { return Result(record: mine, conflicts: []) }
        if mine == base { return Result(record: theirs, conflicts: []) }
        guard let mine else {
            return Result(record: theirs, conflicts: [MergeConflict(key, .deletedHere)])
        }
        guard let theirs else {
            return Result(record: nil, conflicts: [MergeConflict(key, .deletedThere)])
        }
        let base = base ?? Record()
        var merged = theirs
        var conflicts: [MergeConflict] = []
        for name in Set(mine.names).union(theirs.names).union(base.names).sorted() {
            let b = base[name], m = mine[name], t = theirs[name]
            if m == b || m == t { continue }
            if t == b {
                merged[name] = m
            } else {
                conflicts.append(MergeConflict(key, leaf: name, .leaf(yours: m, published: t)))
            }
        }
        return Result(record: merged, conflicts: conflicts)
    }
}
