import ConfigModel

/// V6: a set leaf must make sense where it is. The schema's applicability conditions say
/// when: a failed structural condition (the method's type) is an error, since the leaf does
/// not exist there; a failed advisory one (`same-device`) is a warning, since the value is
/// merely ignored. Unset leaves are never reported: defaults of leaves that do not apply
/// simply do not exist.
public struct V6Applicability: ValidationRule {
    public let id = "V6"

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        var found: [Violation] = []
        try context.forEachViewInScope { view in
            guard view.shape.hasConditionalLeaves else { return }
            for name in view.record.names {
                guard let spec = view.spec(name), !spec.applicability.isEmpty else { continue }
                if let (condition, actual) = view.failedCondition(of: spec, level: .error) {
                    found.append(
                        Violation(
                            id, .error, view.leafPath(name),
                            "applies only when \(describe(condition, in: view, actual: actual))"))
                } else if let (condition, actual) = view.failedCondition(of: spec, level: .warning) {
                    found.append(
                        Violation(
                            id, .warning, view.leafPath(name),
                            "has no effect unless \(describe(condition, in: view, actual: actual))"))
                }
            }
        }
        return found
    }

    /// `… method m1 type is personal-mobile or personal-desktop (it is oath)`, the values in
    /// the sibling's own order when it has one.
    private func describe(_ condition: Applicability, in view: RecordView, actual: String) -> String {
        var values = condition.values.sorted()
        if case .enumeration(let all)? = view.spec(condition.leaf)?.type { values = all.map(\.word).filter(condition.values.contains) }
        let expected = values.map(Quoting.word).joined(separator: " or ")
        return "\(view.leafPath(condition.leaf)) is \(expected) (it is \(Quoting.word(actual)))"
    }
}
