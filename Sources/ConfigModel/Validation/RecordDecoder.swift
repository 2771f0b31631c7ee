/// Turns record keys into `RecordView`s for one validation. Entries of a list share
/// everything but their key, so the schema walk for the part before the key is done once per
/// list and the leaf table once per record kind: a change of 100,000 users costs a dictionary
/// lookup per user, not a schema walk per user and rule.
final class RecordDecoder {
    let schema: SchemaNode
    /// Decoded key prefixes (all words but the last), nil when the schema has no such place.
    /// Keyed by their bytes, as record keys compare: `Substring` would take a precomposed
    /// and a decomposed `é` in a list key for the same prefix.
    private var prefixes: [RecordKey: Prefix?] = [:]
    private var shapes: [ObjectIdentifier: RecordShape] = [:]
    private var recent: (text: Substring, prefix: Prefix?)?

    /// Where a key prefix leads: its steps, its node, and whether that node is a list whose
    /// key is the next word.
    private struct Prefix {
        let steps: [ConfigPath.Step]
        let node: SchemaNode
        let awaitsKey: Bool
        /// The keywords of an entry's path, when the prefix awaits its key.
        let keywords: [String]
        /// The prefix as `ConfigPath.description` writes it (keys quoted), so that a heading
        /// is this, a blank and the last word.
        let text: String
    }

    init(schema: SchemaNode) {
        self.schema = schema
    }

    /// The view of a record, or nil when its key names nothing the schema stores as a record.
    func view(_ key: RecordKey, _ record: Record) -> RecordView? {
        let utf8 = key.encoded.utf8
        let split = utf8.lastIndex(of: 0x1F)
        let prefixText = split.map { key.encoded[..<$0] } ?? ""
        let last = String(split.map { key.encoded[utf8.index(after: $0)...] } ?? key.encoded[...])
        guard let prefix = decodedPrefix(prefixText) else { return nil }
        if prefix.awaitsKey {
            return RecordView(
                key: key, keywords: prefix.keywords, shape: shape(of: prefix.node, isEntry: true), record: record,
                prefixSteps: prefix.steps, prefixText: prefix.text, last: last, isEntry: true)
        }
        guard let child = prefix.node.child(last), !child.isList, !child.isLeaf else { return nil }
        let path = ConfigPath(prefix.steps + [ConfigPath.Step(last)])
        guard schema.isRecord(path) else { return nil }
        return RecordView(
            key: key, keywords: path.steps.map(\.keyword), shape: shape(of: child, isEntry: false), record: record,
            prefixSteps: prefix.steps, prefixText: prefix.text, last: last, isEntry: false)
    }

    private func decodedPrefix(_ text: Substring) -> Prefix? {
        // Keys come in order, so a run of entries of one list asks for the same prefix:
        // compared, not hashed again.
        if let recent, UTF8Bytes.compare(recent.text, text) == 0 { return recent.prefix }
        let bytes = RecordKey(encoded: String(text))
        let decoded: Prefix?
        if let known = prefixes[bytes] {
            decoded = known
        } else {
            decoded = decode(text)
            prefixes[bytes] = .some(decoded)
        }
        recent = (text, decoded)
        return decoded
    }

    /// Walks the words of a prefix: keywords, each list keyword followed by its key.
    private func decode(_ text: Substring) -> Prefix? {
        var steps: [ConfigPath.Step] = []
        var node = schema
        var awaitsKey = false
        let words = text.isEmpty ? [] : text.split(separator: RecordKey.separator, omittingEmptySubsequences: false)
        for word in words {
            if awaitsKey {
                steps[steps.count - 1] = ConfigPath.Step(node.keyword, key: String(word))
                awaitsKey = false
                continue
            }
            guard let child = node.child(String(word)), !child.isLeaf else { return nil }
            steps.append(ConfigPath.Step(child.keyword))
            node = child
            awaitsKey = child.isList
        }
        // Ends with the list's keyword when it awaits a key, which each entry supplies.
        let text = ConfigPath(steps).description
        return Prefix(steps: steps, node: node, awaitsKey: awaitsKey, keywords: steps.map(\.keyword), text: text)
    }

    private func shape(of node: SchemaNode, isEntry: Bool) -> RecordShape {
        if let known = shapes[ObjectIdentifier(node)] { return known }
        let shape = RecordShape(leaves: node.recordLeaves(isEntry: isEntry), keyType: isEntry ? node.keyType : nil)
        shapes[ObjectIdentifier(node)] = shape
        return shape
    }
}

/// The leaves a kind of record holds, by relative name, computed once per schema node.
/// A class: every view of a bulk change holds it, and one reference copies cheaper than
/// its tables.
public final class RecordShape {
    /// In schema order.
    let leaves: [(name: String, spec: LeafSpec)]
    let specs: [String: LeafSpec]
    /// The mandatory leaves, in schema order: none for most kinds (a user has none), so V2
    /// passes over a bulk change of users without looking at a leaf.
    public let mandatory: [(name: String, spec: LeafSpec)]
    /// Whether any leaf applies only under conditions (V6); none of a user's does.
    public let hasConditionalLeaves: Bool
    /// What an entry's key may hold; nil for a container.
    let keyType: ListKey?

    init(leaves: [(name: String, spec: LeafSpec)], keyType: ListKey?) {
        self.keyType = keyType
        self.leaves = leaves
        self.specs = Dictionary(leaves.map { ($0.name, $0.spec) }, uniquingKeysWith: { first, _ in first })
        mandatory = leaves.filter { $0.spec.isMandatory }
        hasConditionalLeaves = leaves.contains { !$0.spec.applicability.isEmpty }
    }
}
