import ConfigModel

/// The rules a Digital Access configuration keeps (SPEC §4), in the order of their ids.
public enum DigitalAccessRules {
    public static let all: [any ValidationRule] = [
        V1ValueSyntax(),
        V2MandatoryLeaves(),
        V3References(),
        V4UniqueDisplayName(),
        V5CertificateAuthorityRequired(),
        V6Applicability(),
        V7CertificateExtendedProperties(),
        V8ExternalDNSNameRequired(),
        V9FixedOncePublished(),
        V10UserNotificationDetails(),
        V11NotificationChannels(),
        V12SameDeviceChoice(),
        V13PredefinedRoles(),
        V14AdministratorsRemain(),
    ]
}
