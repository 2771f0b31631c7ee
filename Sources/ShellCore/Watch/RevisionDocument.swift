import ConfigModel
import ConfigStore

/// One published revision as `watch` prints it: one JSON document on one line (SPEC §12),
/// `{"revision":N,"user":…,"approver":null,"time":…,"source":…,"comment":…,"changes":[…]}`.
///
/// Each change is a leaf, `{"path":[…],"old":…,"new":…}`: the path's keywords and keys from
/// the root, the values typed as the JSON export types them, null where unset, secrets
/// masked. A list entry created or deleted is a change of its own, before its leaves, with
/// `{}` on the side where it exists, so that an entry with no leaf set is seen too.
///
/// The document is written in pieces, a window of the revision's changes at a time, so that
/// a revision of a million users is printed in bounded memory.
struct RevisionDocument {
    let schema: SchemaNode

    /// Writes the document of `revision`, read from `store`, through `write`, line end included.
    func write(_ revision: RevisionInfo, from store: any ConfigStore, to write: (String) throws -> Void) throws {
        let header: [(String, JSONOut)] = [
            ("revision", .number(revision.id)), ("user", .string(revision.user)),
            ("approver", .optional(revision.approver)), ("time", .string(Viewing.timestamp(revision.time))),
            ("source", .string(revision.source)), ("comment", .optional(revision.comment)),
        ]
        // The header as an object left open, its changes to follow.
        try write(String(JSONOut.object(header).serialized.dropLast()) + ",\"changes\":[")
        var first = true
        try store.forEachChangeWindow(ofRevision: revision.id) { window in
            var text = ""
            for change in window.changes {
                for item in items(of: change) {
                    if !first { text += "," }
                    text += item
                    first = false
                }
            }
            try write(text)
        }
        try write("]}\n")
    }

    /// The changes of one record, each as JSON text.
    private func items(of change: RecordChange) -> [String] {
        let words =
            change.key.encoded.isEmpty ? [] : change.key.encoded.split(separator: RecordKey.separator, omittingEmptySubsequences: false).map(String.init)
        let recordPath = change.key.path(in: schema)
        var items: [String] = []
        if recordPath?.steps.last?.key != nil, (change.old == nil) != (change.new == nil) {
            items.append(item(path: words, old: change.old == nil ? "null" : "{}", new: change.new == nil ? "null" : "{}"))
        }
        for leaf in change.leafChanges {
            let leafWords = leaf.leaf.split(separator: " ").map(String.init)
            let type = recordPath.flatMap { path in schema.node(at: ConfigPath(path.steps + leafWords.map { ConfigPath.Step($0) }))?.leafSpec?.type }
            items.append(
                item(
                    path: words + leafWords, old: leaf.old.map { JSONLeaf.scalar($0, of: type) } ?? "null",
                    new: leaf.new.map { JSONLeaf.scalar($0, of: type) } ?? "null"))
        }
        return items
    }

    private func item(path: [String], old: String, new: String) -> String {
        JSONOut.object([("path", .array(path.map(JSONOut.string))), ("old", .raw(old)), ("new", .raw(new))]).serialized
    }
}
