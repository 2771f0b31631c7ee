import ConfigModel

/// V13: the predefined roles are Digital Access's own; administrators are given them, not
/// changed through them. Each exists in every configuration (the store reads it in where
/// none is stored), so a change that deletes, renames away or alters one of its records was
/// an edit of it; a definition identical to the predefined one, as a `load replace` of an
/// export with defaults writes, is no change at all. Without a change, a predefined role the
/// configuration holds is compared with its definition; one it lacks is a configuration read
/// without the store's predefined entries (a tree in memory), not a deletion.
public struct V13PredefinedRoles: ValidationRule {
    public let id = "V13"

    private static let roles: [(path: ConfigPath, key: RecordKey, records: [RecordKey: Record])] =
        DigitalAccessSchema.root.predefinedEntries().compactMap { path, entry in
            DigitalAccessSchema.role.predefinedRecords(ofEntry: entry.key, at: path).map { (path, RecordKey(path), $0) }
        }

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        guard context.touchesEntries(of: Places.roles) || context.touchesEntries(of: Places.privileges) else { return [] }
        var found: [Violation] = []
        for role in Self.roles {
            let altered: Bool, deleted: Bool
            if let changes = context.changes {
                let touched = changes.changes.filter { $0.key == role.key || $0.key.isDescendant(of: role.key) }
                altered = touched.contains { $0.new != role.records[$0.key] }
                deleted = touched.contains { $0.key == role.key && $0.new == nil }
            } else {
                guard let record = try context.config.record(role.key) else { continue }
                var actual = [role.key: record]
                try context.config.forEachRecord(under: role.key) { actual[$0] = $1 }
                altered = actual != role.records
                deleted = false
            }
            guard altered else { continue }
            let what = deleted ? "cannot be deleted or renamed" : "cannot be changed"
            let name = role.path.steps.last?.key ?? ""
            found.append(Violation(id, .error, role.path, "\(Quoting.word(name)) is a predefined role: it \(what)"))
        }
        return found
    }
}
