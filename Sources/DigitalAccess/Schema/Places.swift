import ConfigModel

/// The places of the schema that the rules and the wizard read, found from the nodes the
/// schema declares, so that each keyword is written once, in the schema. A leaf named here
/// that the schema lacks stops the program the first time it is used.
enum Places {
    /// Lists, by the keywords of their path.
    static let methods = keywords(to: DigitalAccessSchema.authenticationMethod)
    static let extendedProperties = keywords(to: DigitalAccessSchema.extendedProperty)
    static let users = keywords(to: DigitalAccessSchema.userAccount)
    static let authenticationServices = keywords(to: DigitalAccessSchema.authenticationService)
    static let certificateAuthorities = keywords(to: DigitalAccessSchema.certificateAuthority)
    static let roles = keywords(to: DigitalAccessSchema.role)
    static let privileges = keywords(to: DigitalAccessSchema.role) + ["privilege"]
    static let administrators = keywords(to: DigitalAccessSchema.administrator)
    static let requireApproval = leaf("require-approval", of: DigitalAccessSchema.delegatedManagement)

    static let externalDNSName = leaf("external-dns-name", of: DigitalAccessSchema.globalSettings)
    static let emailEnabled = leaf("enabled", of: DigitalAccessSchema.emailChannel)
    static let smsEnabled = leaf("enabled", of: DigitalAccessSchema.smsChannel)
    static let personalMobileProvisioning = path(keywords(to: DigitalAccessSchema.personalMobileProvisioning))

    /// The path of a list, or of a record outside any list, from its keywords.
    static func path(_ keywords: [String]) -> ConfigPath {
        ConfigPath(schemaWords: keywords, schema: DigitalAccessSchema.root)
    }

    private static func keywords(to node: SchemaNode) -> [String] {
        guard let keywords = DigitalAccessSchema.root.keywords(to: node) else { preconditionFailure("\(node.keyword) is not in the schema") }
        return keywords
    }

    /// The leaf `name` of `record`, a record outside any list.
    private static func leaf(_ name: String, of record: SchemaNode) -> ConfigPath {
        path(keywords(to: record) + [name])
    }
}
