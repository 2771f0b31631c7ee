import ConfigModel
import ConfigStore
import ConfigStoreSQLite
import DigitalAccess
import Foundation

// The audit trail's budgets (SPEC §9, v2), for scripts/bench:
//
//   dashell-bench audit-generate STORE RECORDS
//                        a store whose audit trail holds RECORDS records (refusals, and
//                        publishes' records), for `dashell audit verify` to be timed on
//   dashell-bench one-leaf-privileges PLAIN ADMINS RUNS USERS
//                        one-leaf publish with privileges and audit on: on ADMINS, a copy of
//                        PLAIN where scripts/bench defined administrators, by `bench`, whose
//                        role (user-account-management, publish) checks each change; on
//                        PLAIN, without administrators; rounds alternate, side by side

/// Appends `count` records to the audit trail of a new store at `path`, 10,000 per
/// transaction: what a busy installation's trail holds after a while.
func generateAuditTrail(at path: String, records count: Int) throws {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let storage = try SQLiteStorage(path: path, creating: .file)
    var appended = 0
    while appended < count {
        let batch = min(10_000, count - appended)
        try storage.write { transaction in
            for index in appended..<(appended + batch) {
                let event =
                    index % 10 == 0
                    ? AuditEvent(
                        action: .publish, user: "admin\(index % 7)", source: "script deploy-\(index).dash", revision: index / 10 + 1,
                        outcome: .published, digest: SecureHash.sha256("change \(index)"))
                    : AuditEvent(
                        action: "set", user: "helpdesk\(index % 13)", source: "-c", outcome: .refused,
                        detail:
                            "permission denied: manage-system distribution-services global-settings: needs the role super-administrator (helpdesk\(index % 13) has the role help-desk)"
                    )
                try transaction.appendAudit(event)
            }
            return ((), commit: true)
        }
        appended += batch
    }
}

/// One-leaf publishes on `plain` (no administrators) and on `admins` (administrators
/// defined), alternating, each as dashell makes one: the publisher's permissions read again
/// (a publish changes the revision they were read at), the edit checked, the publish
/// checked again and its audit record appended. Returns (without, with) samples in ms.
func oneLeafWithPrivileges(plain: String, admins: String, runs: Int, users: Int) throws -> ([Double], [Double]) {
    func open(_ path: String) throws -> RevisionedStore {
        RevisionedStore(
            storage: try SQLiteStorage(path: path, creating: .file), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all,
            policy: DelegatedManagement())
    }
    let stores = [try open(plain), try open(admins)]
    guard try stores[1].permissions(of: "bench").allowsEverything == false else { fail("one-leaf-privileges: \(admins) has no administrators") }
    var samples: [[Double]] = [[], []]
    // One unmeasured round first: statement preparation and the first page reads.
    for round in 0...runs {
        for (index, store) in stores.enumerated() {
            let sample = try milliseconds {
                let candidate = try store.scratchCandidate()
                candidate.permissions = try store.permissions(of: "bench")
                var writer = candidate
                try writer.setLeaf(userPath(round * 7919 % users, "display-name"), to: "Renamed \(round) \(getpid())")
                try candidate.commitCommand()
                try publishOrFail(candidate)
            }
            if round > 0 { samples[index].append(sample) }
        }
    }
    return (samples[0], samples[1])
}
