/// Runs every rule of SPEC §4 — the one code path behind `validate` and `publish`.
public enum Validator {
    public static let rules: [any ValidationRule] = [
        V1ValueSyntax(),
        V2MandatoryLeaves(),
        V3References(),
        V4UniqueDisplayName(),
        V5CertificateAuthorityRequired(),
        V6Applicability(),
        V7CertificateExtendedProperties(),
        V8ExternalDNSNameRequired(),
        V9FixedOncePublished(),
        V10UserNotificationDetails(),
        V11NotificationChannels(),
        V12SameDeviceChoice(),
    ]

    /// Every violation, errors first, then by path, so that output is stable and what
    /// blocks publishing comes first.
    public static func validate(_ context: ValidationContext) throws -> [Violation] {
        try rules.flatMap { try $0.check(context) }.sorted(by: Violation.reportOrder)
    }
}

extension Violation {
    /// Errors before warnings; then by path (list keys compared as text, not as quoted
    /// words); then by rule number and message.
    static func reportOrder(_ lhs: Violation, _ rhs: Violation) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity == .error }
        let left = lhs.path.sortWords, right = rhs.path.sortWords
        if left != right { return left.lexicographicallyPrecedes(right) }
        if lhs.ruleNumber != rhs.ruleNumber { return lhs.ruleNumber < rhs.ruleNumber }
        return lhs.message < rhs.message
    }

    private var ruleNumber: Int { Int(rule.dropFirst()) ?? Int.max }
}

extension ConfigPath {
    fileprivate var sortWords: [String] { steps.flatMap { [$0.keyword] + ($0.key.map { [$0] } ?? []) } }
}
