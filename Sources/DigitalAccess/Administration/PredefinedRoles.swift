import ConfigModel

/// The roles every Digital Access configuration has (SPEC V13): a super administrator may do
/// everything, a help desk administrator changes users' settings.
public enum PredefinedRoles {
    public static let superAdministrator = "super-administrator"
    public static let helpDesk = "help-desk"

    static let entries: [PredefinedEntry] = [
        role(superAdministrator, "Every privilege, including Manage System and Delegated Management", Privilege.allCases),
        role(helpDesk, "Changes the settings of existing users", [.helpDeskAdministration]),
    ]

    private static func role(_ name: String, _ description: String, _ privileges: [Privilege]) -> PredefinedEntry {
        PredefinedEntry(name, leaves: ["description": description], entries: ["privilege": privileges.map { PredefinedEntry($0.rawValue) }])
    }
}
