import ConfigModel

/// V10: what a user's new-profile settings promise must be deliverable from the account
/// itself: an e-mail notification needs the user's address, an SMS one the cell phone, and
/// a new profile needs Smart ID (Personal) enabled. Only users in scope are read, never the
/// whole user list.
public struct V10UserNotificationDetails: ValidationRule {
    public let id = "V10"

    private static let notification = "portwise-authentication notification"
    private static let createNewProfile = "portwise-authentication create-new-profile"
    private static let enablePersonal = "portwise-authentication enable-personal"
    /// The account leaf each notification kind is sent to, and how messages call the kind.
    private static let addresses = [("email", "email", "e-mail"), ("sms", "cell-phone", "SMS")]

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        var found: [Violation] = []
        try context.forEachEntryInScope(of: Places.users) { user in
            let kind = user.effectiveValue(Self.notification)
            for (value, address, words) in Self.addresses where kind == value && user.record[address] == nil {
                found.append(Violation(id, .error, user.leafPath(Self.notification), "\(words) notification needs \(user.leafPath(address))"))
            }
            if user.effectiveValue(Self.createNewProfile) == "true", user.effectiveValue(Self.enablePersonal) != "true" {
                found.append(
                    Violation(
                        id, .error, user.leafPath(Self.createNewProfile),
                        "a new profile needs \(user.leafPath(Self.enablePersonal))"))
            }
        }
        return found
    }
}
