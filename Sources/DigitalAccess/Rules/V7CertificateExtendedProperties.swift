import ConfigModel

/// V7: certificate authentication that Digital Access completes itself — on a
/// `personal-desktop`, or on a `personal-mobile` on the same device — maps the certificate to
/// the user through the extended properties `User Attribute` and `Certificate Attribute`, so
/// both must exist. Deleting a property re-checks its method.
public struct V7CertificateExtendedProperties: ValidationRule {
    public let id = "V7"

    private static let properties = DigitalAccessSchema.extendedProperty.keyword
    private static let required = ["User Attribute", "Certificate Attribute"]

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        var found: [Violation] = []
        try forEachMethodInScope(context) { method in
            guard let need = Self.requirement(of: method) else { return }
            for name in Self.required {
                let property = method.path.appending(Self.properties, key: name)
                if try !context.config.exists(property) {
                    found.append(Violation(id, .error, method.path, "\(need) needs \(property)"))
                }
            }
        }
        return found
    }

    /// What makes `method` need the properties, in words, or nil when it does not.
    private static func requirement(of method: RecordView) -> String? {
        guard method.effectiveValue("personal-certificate-authentication") == "true" else { return nil }
        switch method.record["type"] {
        case "personal-desktop": return "personal-desktop with certificate authentication"
        case "personal-mobile" where method.effectiveValue("same-device") == "true":
            return "personal-mobile with certificate authentication on the same device"
        default: return nil
        }
    }

    /// Methods in scope, plus — with a change — the methods whose extended properties changed.
    private func forEachMethodInScope(_ context: ValidationContext, _ body: (RecordView) throws -> Void) throws {
        guard let scope = context.scope else { return try context.forEachEntry(of: Places.methods, body) }
        var methods = Set((scope.entries[Places.methods] ?? []).map(\.key))
        for property in (scope.entries[Places.extendedProperties] ?? []) + scope.deleted.filter({ $0.isEntry && $0.keywords == Places.extendedProperties }) {
            methods.insert(RecordKey(property.path.parent))
        }
        for key in methods.sorted() {
            if let method = try context.view(at: key) { try body(method) }
        }
    }
}
