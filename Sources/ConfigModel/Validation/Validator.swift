import Dispatch

/// Runs a configuration's rules — the one code path behind `validate` and `publish`.
public struct Validator: Sendable {
    /// The rules, in the order of their ids.
    public let rules: [any ValidationRule]

    public init(rules: [any ValidationRule]) {
        self.rules = rules
    }

    /// Every violation, errors first, then by path, so that output is stable and what
    /// blocks publishing comes first.
    public func validate(_ context: ValidationContext) throws -> [Violation] {
        try Validation(context, rules).finish()
    }

    /// Starts validating `config` after `changes`, for a caller with other work to do
    /// meanwhile (publish writes the change): on a large change the change's records are
    /// then being decoded, and V1 checked, on a second thread. That thread reads only the
    /// change, decoded once and not changed after, never the store: the other rules read
    /// it (one connection, one thread) when the caller calls `finish`, and the caller may
    /// use it until then.
    public func begin(config: any ConfigReader, changes: ChangeSet, publisher: String?) -> Validation {
        changes.changes.count >= Self.besideThreshold
            ? Validation(beside: config, changes, publisher: publisher, rules)
            : Validation(ValidationContext(config: config, changes: changes, publisher: publisher), rules)
    }

    /// Records in a change below which V1 runs with the others.
    static let besideThreshold = 1_000
}

/// A validation under way; `finish` gives its violations.
public final class Validation {
    /// Every rule here, or V1 on the second thread.
    private enum Work {
        case inline(ValidationContext)
        case beside(BesideWork)
    }

    private let work: Work
    private let rules: [any ValidationRule]

    /// V1 runs beside the other rules when the change is large.
    fileprivate init(_ context: ValidationContext, _ rules: [any ValidationRule]) {
        self.rules = rules
        guard let scope = context.scope, scope.present.count + scope.unknown.count >= Validator.besideThreshold else {
            work = .inline(context)
            return
        }
        work = .beside(BesideWork(context: context, rules: rules.filter(Self.runsBeside)))
    }

    /// The change is decoded on the second thread too.
    fileprivate init(beside config: any ConfigReader, _ changes: ChangeSet, publisher: String?, _ rules: [any ValidationRule]) {
        self.rules = rules
        work = .beside(BesideWork(config: config, changes: changes, publisher: publisher, rules: rules.filter(Self.runsBeside)))
    }

    /// Whether a rule reads only the change, and so may run on the second thread: V1.
    private static func runsBeside(_ rule: any ValidationRule) -> Bool {
        rule is V1ValueSyntax
    }

    /// Runs the other rules and returns every violation, in report order.
    public func finish() throws -> [Violation] {
        switch work {
        case .inline(let context):
            return try rules.flatMap { try $0.check(context) }.sorted(by: Violation.reportOrder)
        case .beside(let beside):
            let context = beside.awaitContext()
            let others = Result { try rules.filter { !Self.runsBeside($0) }.flatMap { try $0.check(context) } }
            return try (beside.awaitV1().get() + others.get()).sorted(by: Violation.reportOrder)
        }
    }
}

/// The work of the second thread: the context, when it is built there, then V1, which is a
/// third of a bulk change's validation. Each result is read once its semaphore is signalled.
///
/// Unchecked: each property is written by one thread before its semaphore is signalled and
/// read by the other only after waiting on it, which orders the two.
private final class BesideWork: @unchecked Sendable {
    private var context: ValidationContext?
    private var v1: Result<[Violation], any Error>?
    private let rules: [any ValidationRule]
    private let contextReady = DispatchSemaphore(value: 0)
    private let v1Done = DispatchSemaphore(value: 0)

    init(context: ValidationContext, rules: [any ValidationRule]) {
        self.context = context
        self.rules = rules
        contextReady.signal()
        DispatchQueue.global().async { [self] in checkV1(self.context!) }
    }

    init(config: any ConfigReader, changes: ChangeSet, publisher: String?, rules: [any ValidationRule]) {
        self.rules = rules
        let config = UncheckedConfig(config)
        DispatchQueue.global().async { [self] in
            let context = ValidationContext(config: config.reader, changes: changes, publisher: publisher)
            self.context = context
            contextReady.signal()
            checkV1(context)
        }
    }

    private func checkV1(_ context: ValidationContext) {
        v1 = Result { try rules.flatMap { try $0.check(context) } }
        v1Done.signal()
    }

    func awaitContext() -> ValidationContext {
        contextReady.wait()
        return context!
    }

    func awaitV1() -> Result<[Violation], any Error> {
        v1Done.wait()
        return v1!
    }
}

/// A reader lent to the second thread, which builds the context with it but never reads it.
///
/// Unchecked: a reader (a store's connection) is not safe to share, but the second thread
/// only stores it in the context it hands back; the caller's thread does all the reading.
private struct UncheckedConfig: @unchecked Sendable {
    let reader: any ConfigReader

    init(_ reader: any ConfigReader) { self.reader = reader }
}

extension Violation {
    /// Errors before warnings; then by path (list keys compared as text, not as quoted
    /// words); then by rule number and message.
    public static func reportOrder(_ lhs: Violation, _ rhs: Violation) -> Bool {
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
