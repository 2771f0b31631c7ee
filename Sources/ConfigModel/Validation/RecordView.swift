/// A record together with where it sits in the schema, so that rules can ask about its
/// leaves by name and get specs, defaults and full paths without knowing the layout.
/// A class: a view is passed to every rule and kept in the scope's lists, and a reference
/// copies for a fraction of its eight fields.
public final class RecordView {
    public let key: RecordKey
    /// The keywords of the path without keys, e.g. `manage-system authentication-methods method`;
    /// shared by all entries of a list.
    public let keywords: [String]
    public let shape: RecordShape
    public let record: Record
    /// The steps before the key's last word, shared by the entries of a list (for an entry,
    /// they end in its list's keyword, still without a key).
    let prefixSteps: [ConfigPath.Step]
    /// The description of those steps.
    let prefixText: String
    /// The key's last word: an entry's key, or a container's keyword.
    let last: String
    /// Whether the record is a list entry rather than a container outside any list.
    public let isEntry: Bool

    init(
        key: RecordKey, keywords: [String], shape: RecordShape, record: Record, prefixSteps: [ConfigPath.Step],
        prefixText: String, last: String, isEntry: Bool
    ) {
        self.key = key
        self.keywords = keywords
        self.shape = shape
        self.record = record
        self.prefixSteps = prefixSteps
        self.prefixText = prefixText
        self.last = last
        self.isEntry = isEntry
    }

    /// The record's path, made when asked: rules need it to name what they find, and a bulk
    /// change of valid users never asks.
    public var path: ConfigPath {
        guard isEntry, let list = prefixSteps.last else { return ConfigPath(prefixSteps + [ConfigPath.Step(last)]) }
        return ConfigPath(prefixSteps.dropLast() + [ConfigPath.Step(list.keyword, key: last)])
    }

    /// The entry's key; nil for a container.
    var entryKey: String? { isEntry ? last : nil }

    /// `path.description`, made from the shared prefix; for headings of bulk diffs.
    var pathText: String {
        let word = isEntry ? Quoting.word(last) : last
        return prefixText.isEmpty ? word : prefixText + " " + word
    }

    /// The spec of a leaf named relative to the record, or nil when the schema has no such leaf.
    public func spec(_ leaf: String) -> LeafSpec? {
        shape.specs[leaf]
    }

    /// The value set, or the schema's default while the leaf is unset.
    public func effectiveValue(_ leaf: String) -> String? {
        record[leaf] ?? spec(leaf)?.defaultValue
    }

    /// The full path of a leaf named relative to the record.
    public func leafPath(_ leaf: String) -> ConfigPath {
        leaf.split(separator: " ").reduce(path) { $0.appending(String($1)) }
    }

    /// Every leaf the schema puts in this record, by relative name, in schema order.
    public var schemaLeaves: [(name: String, spec: LeafSpec)] { shape.leaves }

    /// The first applicability condition of `spec` that fails on the effective value of its
    /// sibling, at `level`. An unknown sibling value (unset, no default) fails nothing: a
    /// missing mandatory leaf is V2's to report, not grounds to call its siblings misplaced.
    public func failedCondition(of spec: LeafSpec, level: Applicability.Level) -> (condition: Applicability, actual: String)? {
        for condition in spec.applicability where condition.level == level {
            guard let actual = effectiveValue(condition.leaf) else { continue }
            if !condition.values.contains(actual) { return (condition, actual) }
        }
        return nil
    }

    /// Whether a leaf exists at all here: its structural (error-level) conditions hold.
    public func applies(_ spec: LeafSpec) -> Bool {
        spec.applies { effectiveValue($0) }
    }
}

extension SchemaNode {
    /// The leaves stored in a record with this node: for a list entry, its leaves and those of
    /// containers inside it (named `container leaf`), but not those of nested lists, which are
    /// records of their own; for a container outside any list, its direct leaves only.
    func recordLeaves(isEntry: Bool) -> [(name: String, spec: LeafSpec)] {
        var found: [(String, LeafSpec)] = []
        func walk(_ node: SchemaNode, prefix: String) {
            for child in node.children {
                let name = prefix.isEmpty ? child.keyword : prefix + " " + child.keyword
                switch child.kind {
                case .leaf(let spec): found.append((name, spec))
                case .container where isEntry: walk(child, prefix: name)
                case .container, .list: break
                }
            }
        }
        walk(self, prefix: "")
        return found
    }
}
