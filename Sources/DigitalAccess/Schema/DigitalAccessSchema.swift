import ConfigModel

/// The Digital Access Admin tree, schema v1 (SPEC §3). Adding a field is a change here only.
public enum DigitalAccessSchema {
    public static let methodTypes: [EnumValue] = [
        EnumValue("personal-mobile", label: "Personal Mobile"), EnumValue("personal-desktop", label: "Personal Desktop"),
        EnumValue("portwise-password", label: "PortWise Password"), EnumValue("mobile-text", label: "Mobile Text"),
        EnumValue("oath", label: "OATH"), EnumValue("user-certificate", label: "User Certificate"),
        EnumValue("active-directory", label: "Active Directory"),
    ]

    private static let onPersonalMobile = Applicability(when: "type", in: ["personal-mobile"], level: .error)
    private static let onPersonal = Applicability(when: "type", in: ["personal-mobile", "personal-desktop"], level: .error)
    private static let withSameDevice = Applicability(when: "same-device", in: ["true"], level: .warning)
    private static let withoutSameDevice = Applicability(when: "same-device", in: ["false"], level: .warning)

    public static let root: SchemaNode = .container(
        "", "Digital Access Admin", "The whole configuration",
        [
            manageSystem,
            manageAccountsAndStorage,
        ])

    static let manageSystem: SchemaNode = .container(
        "manage-system", "Manage System", "Services, methods, certificates and channels",
        [
            .container(
                "distribution-services", "Distribution Services", "Services that distribute soft tokens and provisioning",
                [
                    globalSettings,
                    .list(
                        "service", "Distribution Service", key: "name", .name, "Registered distribution services",
                        [
                            .leaf(
                                "enable-token-distribution", "Enable token distribution", .boolean, "Whether this service distributes tokens", default: "false")
                        ]),
                ]),
            .container(
                "authentication-services", "Authentication Services", "Servers that authentication methods run on",
                [
                    authenticationService
                ]),
            .container(
                "certificates", "Certificates", "Certificates and certificate authorities",
                [
                    certificateAuthority
                ]),
            .container(
                "notification-channels", "Notification Channels", "How Digital Access reaches end users",
                [
                    emailChannel,
                    smsChannel,
                ]),
            delegatedManagement,
            .container(
                "authentication-methods", "Authentication Methods", "Ways end users authenticate",
                [
                    authenticationMethod
                ]),
        ])

    static let manageAccountsAndStorage: SchemaNode = .container(
        "manage-accounts-and-storage", "Manage Accounts and Storage", "User accounts and self-service",
        [
            .container(
                "user-accounts", "User Accounts", "End users' accounts",
                [
                    userAccount
                ]),
            .container(
                "self-service", "Self Service", "What end users can do themselves",
                [
                    personalMobileProvisioning
                ]),
        ])

    /// Who administers Digital Access, and what each may do (SPEC §11).
    static let delegatedManagement: SchemaNode = .container(
        "delegated-management", "Delegated Management", "Administrators, their roles and privileges",
        [
            .leaf(
                "require-approval", "Require approval", .boolean, "Whether a publish needs a second administrator's approval",
                default: "false"),
            role,
            administrator,
        ])

    /// A set of privileges; the predefined ones always exist (V13).
    static let role: SchemaNode = .list(
        "role", "Role", key: "name", .identifier, "A role: a set of privileges",
        [
            .leaf("description", "Description", .text, "What the role is for"),
            .list("privilege", "Privilege", key: "name", .oneOf(Privilege.allCases.map(\.rawValue)), "A privilege of the role", []),
        ],
        predefined: PredefinedRoles.entries)

    /// A person allowed to change the configuration, by the user id dashell knows them by.
    static let administrator: SchemaNode = .list(
        "administrator", "Administrator", key: "user-id", .identifier, "An administrator, by user id",
        [
            .leaf(
                "role", "Role", .reference(to: ["manage-system", "delegated-management", "role"]), "The administrator's role",
                mandatory: true),
            .leaf("display-name", "Display Name", .text, "Full name of the administrator"),
        ])

    /// The distribution service's external name and port.
    static let globalSettings: SchemaNode = .container(
        "global-settings", "Manage Global Distribution Service Settings", "External name and port of the distribution service",
        [
            .leaf("external-dns-name", "External DNS name", .hostname, "DNS name that end users' devices reach Digital Access by"),
            .leaf("external-port", "External Port", .port, "Port for external communication", default: "443"),
        ])

    /// The servers methods run on; a method's `authentication-server` names one.
    static let authenticationService: SchemaNode = .list(
        "service", "Authentication Service", key: "name", .name, "An authentication server",
        [
            .leaf("host", "Host", .hostname, "Host name of the server"),
            .leaf("port", "Port", .port, "Port of the server", default: "1812"),
            .leaf("enabled", "Enabled", .boolean, "Whether the server is in use", default: "true"),
        ])

    /// The authorities a method's `certificate-authority` names.
    static let certificateAuthority: SchemaNode = .list(
        "certificate-authority", "Certificate Authority", key: "name", .name, "A certificate authority that issues end users' certificates",
        [
            .leaf("subject", "Subject", .text, "Subject of the CA certificate"),
            .leaf("certificate-file", "Certificate File", .string, "Path of a PEM file with the CA certificate"),
        ])

    /// The e-mail channel, which e-mail notifications need enabled.
    static let emailChannel: SchemaNode = .container(
        "email", "E-mail", "The e-mail (SMTP) channel",
        [
            .leaf("enabled", "Enabled", .boolean, "Whether e-mail notifications are sent", default: "false"),
            .leaf("host", "Host", .hostname, "SMTP server", default: "localhost"),
            .leaf("port", "Port", .port, "SMTP port", default: "25"),
            .leaf("sender-address", "Sender Address", .email, "From address of notifications"),
            .leaf("username", "Username", .string, "SMTP user name"),
            .leaf("password", "Password", .secret, "SMTP password"),
            .leaf("start-tls", "STARTTLS", .boolean, "Whether to upgrade the SMTP connection with STARTTLS", default: "false"),
        ])

    /// The SMS channel, which SMS notifications need enabled.
    static let smsChannel: SchemaNode = .container(
        "sms", "SMS", "The SMS channel",
        [
            .leaf("enabled", "Enabled", .boolean, "Whether SMS notifications are sent", default: "false"),
            .leaf("gateway-url", "Gateway URL", .string, "URL of the SMS gateway"),
        ])

    /// The authentication methods end users choose from.
    static let authenticationMethod: SchemaNode = .list(
        "method", "Authentication Method", key: "name", .identifier, "An authentication method, by internal name",
        [
            .leaf("type", "Type", .enumeration(methodTypes), "Kind of method; fixed once published", mandatory: true, fixedOncePublished: true),
            .leaf("display-name", "Display Name", .text, "Name shown to end users at login; unique", mandatory: true, marksCopies: true),
            .leaf("enabled", "Enabled", .boolean, "Whether end users can use the method", default: "true"),
            .leaf("visible-in-menu", "Visible in menu", .boolean, "Whether the method is listed in the login menu", default: "true"),
            .leaf(
                "authentication-server", "Authentication Method Server", .reference(to: ["manage-system", "authentication-services", "service"]),
                "Authentication service the method runs on", mandatory: true),
            .leaf(
                "personal-certificate-authentication", "Enable Personal Certificate Authentication", .boolean,
                "Validate responses with a CA certificate", default: "false", appliesWhen: [onPersonal]),
            .leaf(
                "certificate-authority", "Certificate Authority", .reference(to: ["manage-system", "certificates", "certificate-authority"]),
                "CA that issued the certificates used in Personal", appliesWhen: [onPersonal]),
            .leaf(
                "same-device", "Enable authentication on same device", .boolean,
                "Authenticate on the device the user logs in from", default: "false", appliesWhen: [onPersonalMobile]),
            .leaf(
                "wait-seconds", "Wait for (seconds)", .uint(0...300), "Seconds the image shows before redirecting to the app",
                default: "3", appliesWhen: [onPersonalMobile, withSameDevice]),
            .leaf(
                "redirect-text", "Redirect Text", .text, "Text shown while redirecting to the app",
                default: "Redirecting to Smart ID…", appliesWhen: [onPersonalMobile, withSameDevice]),
            .leaf(
                "another-device-mode", "Another device", .enumeration([EnumValue("qr-code", label: "QR code"), EnumValue("username", label: "Username")]),
                "How authentication on another device starts", default: "username", appliesWhen: [onPersonalMobile, withoutSameDevice]),
            extendedProperty,
        ])

    /// A method's name/value properties; certificate authentication needs two of them.
    static let extendedProperty: SchemaNode = .list(
        "extended-property", "Extended Property", key: "name", .name, "A name/value property, e.g. \"User Attribute\"",
        [
            .leaf("value", "Value", .text, "Value of the property", mandatory: true)
        ])

    /// The end users' accounts.
    static let userAccount: SchemaNode = .list(
        "user", "User Account", key: "user-id", .identifier, "A user account, by user id",
        [
            .leaf("display-name", "Display Name", .text, "Full name of the user"),
            .leaf("email", "E-mail", .email, "E-mail address of the user"),
            .leaf("cell-phone", "Cell Phone", .string, "Mobile number of the user"),
            .container(
                "portwise-authentication", "PortWise Authentication", "The user's authentication settings",
                [
                    .leaf("enable-personal", "Enable Personal", .boolean, "Allow Smart ID (Personal) for this user", default: "false"),
                    .leaf("create-new-profile", "Create new profile", .boolean, "Issue a new profile to the user", default: "false"),
                    .leaf(
                        "notification", "Notification",
                        .enumeration([EnumValue("none", label: "None"), EnumValue("email", label: "By E-mail"), EnumValue("sms", label: "By SMS")]),
                        "How the user is told about a new profile", default: "none"),
                ]),
        ])

    /// Self-service provisioning of Smart ID Mobile, whose notifications need their channel.
    static let personalMobileProvisioning: SchemaNode = .container(
        "personal-mobile-provisioning", "Personal Mobile Provisioning", "Self-service activation of Smart ID Mobile",
        [
            .leaf("enabled", "Enable", .boolean, "Offer self-service provisioning", default: "false"),
            .leaf("notify-by-mail", "Notification by mail", .boolean, "Send the activation by e-mail", default: "false"),
            .leaf("email-subject", "Subject", .text, "Subject of the activation e-mail"),
            .leaf("email-message", "Message", .text, "Body of the activation e-mail"),
            .leaf("notify-by-sms", "Notification by SMS", .boolean, "Send the activation by SMS", default: "false"),
            .leaf("sms-message", "SMS Message", .text, "Text of the activation SMS"),
            .leaf("qr-code-generation", "QR code generation", .boolean, "Show the activation QR code in the browser", default: "false"),
        ])
}
