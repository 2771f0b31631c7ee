import ConfigModel

/// The administrators of a configuration and what their roles allow (SPEC §11), read from
/// its `delegated-management`. Both lists are small: read whole.
public struct Administrators {
    public struct Administrator: Equatable, Sendable {
        public let id: String
        public let role: String?
        public let displayName: String?
    }

    /// By user id, in key order.
    public let all: [Administrator]
    /// Each role's privileges, by role name.
    public let roles: [String: Set<Privilege>]
    /// Whether a publish needs a second administrator's approval.
    public let requireApproval: Bool

    public init(_ config: any ConfigReader) throws {
        all = try config.entries(of: Places.path(Places.administrators)).map { key, record in
            Administrator(id: key, role: record["role"], displayName: record["display-name"])
        }
        var roles: [String: Set<Privilege>] = [:]
        let roleList = Places.path(Places.roles)
        for (role, _) in try config.entries(of: roleList) {
            let privileges = try config.entries(of: roleList.parent.appending(roleList.steps.last!.keyword, key: role).appending("privilege"))
            roles[role] = Set(privileges.compactMap { Privilege(rawValue: $0.key) })
        }
        self.roles = roles
        requireApproval = try config.effectiveValue(at: Places.requireApproval) == "true"
    }

    public func administrator(_ id: String) -> Administrator? {
        all.first { $0.id == id }
    }

    /// The privileges of `id`'s role (a super administrator has every one); none for
    /// someone who is not an administrator.
    public func privileges(of id: String) -> Set<Privilege> {
        guard let role = administrator(id)?.role else { return [] }
        return role == PredefinedRoles.superAdministrator ? Set(Privilege.allCases) : roles[role] ?? []
    }

    public func isSuperAdministrator(_ id: String) -> Bool {
        administrator(id)?.role == PredefinedRoles.superAdministrator
    }
}
