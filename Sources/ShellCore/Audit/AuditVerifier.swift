import ConfigStore

/// `dashell audit verify` (SPEC §12): for those with `view-logs`, reads the whole audit trail
/// and computes its hash chain again. Exit 0 saying how many records matched and the last
/// hash (worth keeping elsewhere: it shows later that nothing up to it was changed or
/// removed); exit 5 naming the first record that does not match; exit 6, recorded, without
/// the privilege.
public struct AuditVerifier {
    let store: any ConfigStore
    let user: String
    let json: Bool
    let console: any Console

    public init(store: any ConfigStore, user: String, json: Bool, console: any Console) {
        self.store = store
        self.user = user
        self.json = json
        self.console = console
    }

    public func run() -> ExitCode {
        do {
            if let refusal = try store.permissions(of: user).refusal(toUse: AuditTrail.viewLogs) {
                let failure = CommandError.from(refusal)
                let warning = AuditTrail.recordRefusal(failure.message, action: .auditVerify, user: user, source: AuditAction.auditVerify.rawValue, in: store)
                if let warning { console.err("warning: \(warning)") }
                return fail(failure)
            }
            let verification = try store.verifyAudit()
            if let mismatch = verification.mismatch {
                let before = verification.verified == 0 ? "" : " (records 1 to \(verification.verified) match)"
                return fail(
                    CommandError("\(mismatch)\(before); the trail was changed after it was written", code: .storeUnavailable), record: mismatch.sequence)
            }
            let hash = verification.lastHash.map { "; the last hash is \($0)" } ?? ""
            let message = "audit trail verified: \(verification.verified) record\(verification.verified == 1 ? "" : "s")\(hash)"
            if json {
                let result = JSONOut.object([("records", .number(verification.verified)), ("last-hash", .optional(verification.lastHash))])
                console.out(
                    JSONOut.object([("ok", .bool(true)), ("command", .string("audit verify")), ("result", result), ("output", .array([.string(message)]))])
                        .serialized)
            } else {
                console.out(message)
            }
            return .success
        } catch {
            return fail(CommandError.from(error))
        }
    }

    /// `record`: the first record that does not match, which the `--json` error names.
    private func fail(_ failure: CommandError, record: Int? = nil) -> ExitCode {
        if json {
            var error: [(String, JSONOut)] = [
                ("message", .string(failure.message)), ("code", .number(Int(failure.code.rawValue))), ("name", .string(failure.code.name)),
            ]
            if let record { error.append(("record", .number(record))) }
            console.out(JSONOut.object([("ok", .bool(false)), ("error", .object(error))]).serialized)
        }
        console.err("dashell: error: \(failure.message)")
        return failure.code
    }
}
