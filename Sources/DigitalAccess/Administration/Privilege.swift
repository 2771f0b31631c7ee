/// The privileges of Digital Access Admin's Delegated Management (SPEC §11): a role is a set
/// of them. Those whose objects are not in this schema are accepted and stored, and allow
/// nothing more yet.
public enum Privilege: String, CaseIterable, Sendable {
    case helpDeskAdministration = "help-desk-administration"
    case userAccountManagement = "user-account-management"
    case resourceManagement = "resource-management"
    case resourcePathManagement = "resource-path-management"
    case viewLogs = "view-logs"
    case publish
    case userLinkingAdministration = "user-linking-administration"
    case userLogViewer = "user-log-viewer"
    case userSigningRequester = "user-signing-requester"

    /// What `?` says of it.
    public var summary: String {
        switch self {
        case .helpDeskAdministration: "Change and delete the settings of existing users"
        case .userAccountManagement: "Create, change, rename and delete user accounts and self-service settings"
        case .resourceManagement: "Manage resources (not in this configuration)"
        case .resourcePathManagement: "Manage resource paths (not in this configuration)"
        case .viewLogs: "Read the audit trail"
        case .publish: "Publish, and approve or reject change requests"
        case .userLinkingAdministration: "Administer user linking (not in this configuration)"
        case .userLogViewer: "View users' logs (not in this configuration)"
        case .userSigningRequester: "Request signing (not in this configuration)"
        }
    }
}
