import ConfigModel
import ConfigStore

/// How validation results reach the user: warnings on stderr (they never change the exit
/// code), errors as a failing command with one detail line per violation (exit 3).
enum Verdict {
    /// `conflicts`: those a publish would meet, for `validate` to list in its `--json`
    /// result; nil where the command does not look for them.
    static func report(_ violations: [Violation], conflicts: [MergeConflict]? = nil, invocation: Invocation) throws {
        let errors = violations.filter { $0.severity == .error }
        var result: [(String, JSONOut)] = [
            ("errors", .array(errors.map(json))),
            ("warnings", .array(violations.filter { $0.severity == .warning }.map(json))),
        ]
        if let conflicts { result.append(("conflicts", .array(conflicts.map { .string($0.description) }))) }
        invocation.data = .object(result)
        for warning in violations where warning.severity == .warning {
            invocation.session.warn(warning.description)
        }
        guard errors.isEmpty else {
            var failure = CommandError(
                "validation failed: \(errors.count) error\(errors.count == 1 ? "" : "s")", code: .invalid,
                at: invocation.name, details: errors.map(\.description))
            failure.violations = errors
            throw failure
        }
    }

    static func json(_ violation: Violation) -> JSONOut {
        .object([("rule", .string(violation.rule)), ("path", .string(violation.path.description)), ("message", .string(violation.message))])
    }
}
