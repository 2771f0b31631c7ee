import ConfigModel

/// V9: some leaves (a method's `type`) define what an entry is; changing one in place would
/// leave the published entry's dependants inconsistent, so once published it is fixed. Only
/// a change can tell what was published; without one there is nothing to check.
public struct V9FixedOncePublished: ValidationRule {
    public let id = "V9"

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        guard let scope = context.scope else { return [] }
        var found: [Violation] = []
        for (view, old) in scope.modified {
            for (name, spec) in view.schemaLeaves where spec.isFixedOncePublished {
                guard let published = old[name], view.record[name] != published else { continue }
                let entry = view.path.steps.last?.keyword ?? "entry"
                found.append(
                    Violation(
                        id, .error, view.leafPath(name),
                        "cannot change once published; delete and re-create the \(entry) (published: \(Quoting.word(published)))"))
            }
        }
        return found
    }
}
