/// Receives what `ConfigWalker` finds, in schema order. `open` and `close` bracket a
/// container, a whole list (its path ends in the list keyword without a key) or a list entry
/// (its path ends in the list keyword with the entry's key); see `ConfigPath.isEntry`.
protocol ConfigVisitor {
    mutating func open(_ node: SchemaNode, at path: ConfigPath) throws
    mutating func leaf(_ node: SchemaNode, _ spec: LeafSpec, at path: ConfigPath, value: String) throws
    mutating func close(_ node: SchemaNode, at path: ConfigPath) throws
}

extension ConfigPath {
    /// Whether the path ends at one list entry rather than at a keyword.
    var isEntry: Bool { steps.last?.key != nil }
}
