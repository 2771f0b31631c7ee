import ConfigModel

/// V11: a notification can only be sent through an enabled channel, whether a user's
/// new-profile notification or self-service provisioning's. Users are read only when in
/// scope — or, with a change, all of them when that change leaves a channel disabled that
/// was touched, which is the one case where unchanged users can become wrong.
public struct V11NotificationChannels: ValidationRule {
    public let id = "V11"

    /// A channel, the user notification value that uses it, the self-service switch that
    /// uses it, and how messages call it.
    private struct Channel {
        let enabled: ConfigPath
        let userValue: String
        let selfServiceLeaf: String
        let words: String
    }

    private static let channels = [
        Channel(enabled: Places.emailEnabled, userValue: "email", selfServiceLeaf: "notify-by-mail", words: "e-mail"),
        Channel(enabled: Places.smsEnabled, userValue: "sms", selfServiceLeaf: "notify-by-sms", words: "SMS"),
    ]
    private static let notification = "portwise-authentication notification"
    private static let selfService = Places.personalMobileProvisioning

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        let disabled = try Self.channels.filter { try context.config.effectiveValue(at: $0.enabled) != "true" }
        guard !disabled.isEmpty else { return [] }
        var found: [Violation] = []
        let checkUser = { (user: RecordView) in
            let kind = user.effectiveValue(Self.notification)
            for channel in disabled where kind == channel.userValue {
                found.append(Violation(id, .error, user.leafPath(Self.notification), "\(channel.words) notification needs \(channel.enabled)"))
            }
        }
        let channelChanged = disabled.contains { context.isInScope(RecordKey($0.enabled.parent)) }
        if channelChanged {
            try context.forEachEntry(of: Places.users, checkUser)
        } else {
            try context.forEachEntryInScope(of: Places.users, checkUser)
        }
        if channelChanged || context.isInScope(RecordKey(Self.selfService)), let provisioning = try context.view(at: RecordKey(Self.selfService)) {
            for channel in disabled where provisioning.effectiveValue(channel.selfServiceLeaf) == "true" {
                found.append(
                    Violation(
                        id, .error, provisioning.leafPath(channel.selfServiceLeaf),
                        "\(channel.words) notification needs \(channel.enabled)"))
            }
        }
        return found
    }
}
