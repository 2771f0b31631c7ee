import ConfigModel

/// A leaf (or an entry) changed differently here and in a revision published meanwhile.
public struct MergeConflict: Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
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
        let place = key.description
        guard let mine else {
            return Result(record: theirs, conflicts: [MergeConflict(path: place, reason: "deleted here but changed in a newer revision")])
        }
        guard let theirs else {
            return Result(record: nil, conflicts: [MergeConflict(path: place, reason: "changed here but deleted in a newer revision")])
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
                conflicts.append(MergeConflict(path: "\(place) \(name)", reason: "changed here and, differently, in a newer revision"))
            }
        }
        return Result(record: merged, conflicts: conflicts)
    }
}
