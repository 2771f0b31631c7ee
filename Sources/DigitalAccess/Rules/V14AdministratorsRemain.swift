import ConfigModel

/// V14: delegated management must never leave Digital Access without someone who can
/// change everything, nor the publisher locked out by their own first administrators, nor
/// approvals required with nobody else to give them.
public struct V14AdministratorsRemain: ValidationRule {
    public let id = "V14"

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        guard
            context.touchesEntries(of: Places.administrators) || context.touchesEntries(of: Places.roles)
                || context.touchesEntries(of: Places.privileges) || context.isInScope(RecordKey(Places.requireApproval.parent))
        else { return [] }
        let administrators = try Administrators(context.config)
        var found: [Violation] = []
        if administrators.requireApproval {
            let publishers = administrators.all.filter { administrators.privileges(of: $0.id).contains(.publish) }
            if publishers.count < 2 {
                found.append(
                    Violation(
                        id, .error, Places.requireApproval,
                        "needs at least two administrators with the privilege publish (there \(publishers.count == 1 ? "is 1" : "are \(publishers.count)"))"
                    ))
            }
        }
        guard !administrators.all.isEmpty else { return found }
        let list = Places.path(Places.administrators)
        if !administrators.all.contains(where: { $0.role == PredefinedRoles.superAdministrator }) {
            found.append(Violation(id, .error, list, "at least one administrator needs the role \(PredefinedRoles.superAdministrator)"))
        }
        if let publisher = context.publisher, createsFirstAdministrators(context), !administrators.isSuperAdministrator(publisher) {
            found.append(
                Violation(
                    id, .error, list,
                    "would lock you out: the first administrators must include you (\(Quoting.word(publisher))) with the role \(PredefinedRoles.superAdministrator)"
                ))
        }
        return found
    }

    /// Whether the configuration had no administrator before the change: every one it has
    /// now, the change creates, and it deletes or changes none that existed. Without a
    /// change nothing tells.
    private func createsFirstAdministrators(_ context: ValidationContext) -> Bool {
        guard let changes = context.changes else { return false }
        let list = RecordKey(Places.path(Places.administrators))
        var created = 0
        for change in changes.changes where change.key.isDescendant(of: list) {
            if change.old != nil { return false }
            if change.new != nil { created += 1 }
        }
        return created > 0 && created == (try? Administrators(context.config).all.count)
    }
}
