import ConfigModel

/// V2: mandatory leaves are set. The schema marks them; a mandatory leaf whose structural
/// conditions do not hold does not exist for that record, so it is not required there.
public struct V2MandatoryLeaves: ValidationRule {
    public let id = "V2"

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        var found: [Violation] = []
        try context.forEachViewInScope { view in
            for (name, spec) in view.shape.mandatory where view.record[name] == nil && view.applies(spec) {
                found.append(Violation(id, .error, view.leafPath(name), "is mandatory and not set"))
            }
        }
        return found
    }
}
