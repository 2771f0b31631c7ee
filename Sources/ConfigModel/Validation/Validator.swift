import Dispatch

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
        guard let scope = context.scope, scope.present.count + scope.unknown.count >= besideThreshold else {
            return try rules.flatMap { try $0.check(context) }.sorted(by: Violation.reportOrder)
        }
        // V1, a third of a bulk change's validation, runs on a second thread beside the
        // other rules. Over a change it reads only the change's own records, decoded once
        // before any rule runs and not changed after, and never the store, which the other
        // rules may read (one connection, one thread).
        let syntax = BesideResult()
        let shared = SharedContext(context)
        DispatchQueue.global().async {
            syntax.result = Result { try V1ValueSyntax().check(shared.context) }
            syntax.done.signal()
        }
        let others = Result { try rules.filter { !($0 is V1ValueSyntax) }.flatMap { try $0.check(context) } }
        syntax.done.wait()
        return try (syntax.result!.get() + others.get()).sorted(by: Violation.reportOrder)
    }

    /// Records in a change below which V1 runs with the others.
    static let besideThreshold = 1_000
}

/// V1's violations, handed over once `done` is signalled.
private final class BesideResult: @unchecked Sendable {
    var result: Result<[Violation], any Error>?
    let done = DispatchSemaphore(value: 0)
}

/// The context lent to V1's thread, which only reads the change's decoded records.
private final class SharedContext: @unchecked Sendable {
    let context: ValidationContext

    init(_ context: ValidationContext) { self.context = context }
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
