import ConfigModel

/// V5: certificate authentication validates responses against a CA certificate, so a method
/// that enables it must name the certificate authority. Where the leaf does not apply to the
/// method's type, V6 reports it instead.
public struct V5CertificateAuthorityRequired: ValidationRule {
    public let id = "V5"

    private static let switchLeaf = "personal-certificate-authentication"
    private static let authorityLeaf = "certificate-authority"

    public init() {}

    public func check(_ context: ValidationContext) throws -> [Violation] {
        var found: [Violation] = []
        try context.forEachEntryInScope(of: Places.methods) { method in
            guard method.record[Self.switchLeaf] == "true", method.record[Self.authorityLeaf] == nil,
                let spec = method.spec(Self.switchLeaf), method.applies(spec)
            else { return }
            found.append(
                Violation(
                    id, .error, method.leafPath(Self.switchLeaf),
                    "certificate authentication needs \(method.leafPath(Self.authorityLeaf))"))
        }
        return found
    }
}
