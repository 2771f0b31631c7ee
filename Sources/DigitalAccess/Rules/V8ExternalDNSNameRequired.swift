import ConfigModel

/// V8: the Smart ID app reaches Digital Access by the distribution service's external DNS
/// name, so a `personal-mobile` method cannot work without it. With a change, the methods it
/// touches are checked — or all methods (a small list) when the global settings changed.
public struct V8ExternalDNSNameRequired: ValidationRule {
    public let id = "V8"

    private static let dnsName = Places.externalDNSName

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        guard try context.config.value(at: Self.dnsName) == nil else { return [] }
        var found: [Violation] = []
        let check = { (method: RecordView) in
            guard method.record["type"] == "personal-mobile" else { return }
            found.append(Violation(id, .error, method.leafPath("type"), "personal-mobile needs \(Self.dnsName)"))
        }
        if context.isInScope(RecordKey(Self.dnsName.parent)) {
            try context.forEachEntry(of: Places.methods, check)
        } else {
            try context.forEachEntryInScope(of: Places.methods, check)
        }
        return found
    }
}
