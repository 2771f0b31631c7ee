/// Where a leaf's value is stored: the record that holds it, that record's key, and the
/// leaf's name within the record. A record is a list entry, or — outside any list — a
/// container with leaves. Every `set` of a leaf needs this; a script's are worked out ahead
/// of time, on the thread that lexes the script (see the shell's `PreparedCommand`).
public struct LeafLocation: Sendable {
    /// The leaf's own path.
    public let path: ConfigPath
    public let key: RecordKey
    public let leaf: String
    /// How many of the path's steps name the record.
    private let recordDepth: Int

    public init(of path: ConfigPath) {
        self.path = path
        let steps = path.steps
        if let keyed = steps.lastIndex(where: { $0.key != nil }) {
            recordDepth = keyed + 1
            // Most leaves sit right in their record: their name is one keyword, no joining.
            leaf = keyed + 2 == steps.count ? steps[keyed + 1].keyword : steps[(keyed + 1)...].map(\.keyword).joined(separator: " ")
        } else {
            recordDepth = max(steps.count - 1, 0)
            leaf = steps.last?.keyword ?? ""
        }
        key = RecordKey(steps[..<recordDepth])
    }

    /// The record's path; needed only to create the entries above a record not there yet.
    public var record: ConfigPath { ConfigPath(Array(path.steps[..<recordDepth])) }
}
