import ConfigModel

/// V3: a reference names an existing entry, and an entry still referenced cannot be deleted.
/// References are checked at validation rather than at `set`, so an entry may be created
/// after the reference to it; a deletion is judged by the referrers left in the new
/// configuration, so deleting the referrer in the same change is fine.
public struct V3References: ValidationRule {
    public let id = "V3"

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        let references = context.config.schema.referenceLeaves
        var found: [Violation] = []
        if let scope = context.scope {
            for reference in references {
                for view in scope.entries[reference.list] ?? [] {
                    try checkTarget(of: reference, in: view, context, &found)
                }
            }
            for view in scope.deleted where view.isEntry {
                try checkDeletion(of: view, references, context, &found)
            }
        } else {
            for reference in references {
                try context.forEachEntry(of: reference.list) { view in
                    try checkTarget(of: reference, in: view, context, &found)
                }
            }
        }
        return found
    }

    private func checkTarget(
        of reference: ReferenceLeaf, in view: RecordView,
        _ context: ValidationContext, _ found: inout [Violation]
    ) throws {
        guard let name = view.record[reference.leaf], let targetList = reference.target.last else { return }
        let target = ConfigPath(reference.target.dropLast().map { ConfigPath.Step($0) } + [ConfigPath.Step(targetList, key: name)])
        guard try !context.config.exists(target) else { return }
        found.append(Violation(id, .error, view.leafPath(reference.leaf), "names \(target), which does not exist"))
    }

    /// Only entries of lists that references point into can have referrers; asking only
    /// about those keeps the deletion of many other entries (users) cheap.
    private func checkDeletion(
        of entry: RecordView, _ references: [ReferenceLeaf],
        _ context: ValidationContext, _ found: inout [Violation]
    ) throws {
        guard let last = entry.path.steps.last, let name = last.key else { return }
        let list = entry.keywords
        guard references.contains(where: { $0.target == list }) else { return }
        let referrers = try context.config.referrers(of: entry.key)
        guard !referrers.isEmpty else { return }
        let names = referrers.map(\.description).joined(separator: ", ")
        found.append(Violation(id, .error, entry.path, "cannot delete \(last.keyword) \(Quoting.word(name)): referenced by \(names)"))
    }
}
