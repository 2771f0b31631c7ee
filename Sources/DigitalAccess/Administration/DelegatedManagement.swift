import ConfigModel

/// SPEC §11's table: what each privilege allows, over the administrators and roles of the
/// published configuration. While nobody is an administrator, everyone may do everything
/// (the way a new store starts); from the first one on, only administrators may change
/// anything, each within their role.
public struct DelegatedManagement: AccessPolicy {
    public init() {}

    public func permissions(of user: String, in published: any ConfigReader) throws -> any Permissions {
        let administrators = try Administrators(published)
        guard !administrators.all.isEmpty else { return UnrestrictedAccess(user: user) }
        let administrator = administrators.administrator(user)
        return AdministratorPermissions(
            user: user, role: administrator?.role, privileges: administrators.privileges(of: user), isAdministrator: administrator != nil,
            displayName: administrator?.displayName, requireApproval: administrators.requireApproval)
    }
}

/// What one administrator's role allows, or nothing for someone who is not one.
public struct AdministratorPermissions: Permissions {
    public let user: String
    public let role: String?
    public let privileges: Set<Privilege>
    let isAdministrator: Bool
    let displayName: String?
    /// `require-approval`: every publish goes through a change request.
    let requireApproval: Bool

    public var publishesThroughRequests: Bool { requireApproval || refusal(toUse: Privilege.publish.rawValue) != nil }

    public var summary: [(label: String, value: String)] {
        guard isAdministrator else { return [("administrator", "no: \(user) may read, not change")] }
        let privileges = Privilege.allCases.filter(privileges.contains).map(\.rawValue)
        return [
            ("administrator", displayName.map { "\(user) (\($0))" } ?? user), ("role", role ?? "none"),
            ("privileges", privileges.isEmpty ? "none" : privileges.joined(separator: " ")),
        ]
    }

    public var allowsEverything: Bool { role == PredefinedRoles.superAdministrator }

    private static let accounts = "manage-accounts-and-storage"
    private static let users = Places.path(Places.users)

    public func refusal(of change: RecordChange, in schema: SchemaNode) -> AccessRefusal? {
        guard !allowsEverything else { return nil }
        let path = change.key.path(in: schema) ?? .root
        guard path.steps.first?.keyword == Self.accounts else {
            return refusal(path, needs: "the role \(PredefinedRoles.superAdministrator)")
        }
        if privileges.contains(.userAccountManagement) { return nil }
        let changesExistingUser = change.old != nil && change.new != nil && path.isWithin(Self.users) && path.steps.count == Self.users.steps.count
        if changesExistingUser {
            return privileges.contains(.helpDeskAdministration)
                ? nil : refusal(path, needs: "the privilege \(Privilege.helpDeskAdministration.rawValue) or \(Privilege.userAccountManagement.rawValue)")
        }
        return refusal(path, needs: "the privilege \(Privilege.userAccountManagement.rawValue)")
    }

    public func refusal(toUse privilege: String) -> AccessRefusal? {
        guard !allowsEverything, !privileges.contains(where: { $0.rawValue == privilege }) else { return nil }
        return refusal(nil, needs: "the privilege \(privilege)")
    }

    private func refusal(_ path: ConfigPath?, needs: String) -> AccessRefusal {
        let because =
            !isAdministrator
            ? "\(user) is not an administrator" : role.map { "\(user) has the role \($0)" } ?? "\(user) has no role"
        return AccessRefusal(user: user, path: path, needs: needs, because: because)
    }
}
