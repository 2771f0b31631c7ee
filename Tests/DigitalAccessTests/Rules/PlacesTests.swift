import Testing

@testable import DigitalAccess

/// The places the rules read, derived from the schema's nodes, are the ones SPEC §3 and §4
/// name.
@Suite struct PlacesTests {
    @Test func listsAreWhereTheSpecificationPutsThem() {
        #expect(Places.methods == ["manage-system", "authentication-methods", "method"])
        #expect(Places.extendedProperties == ["manage-system", "authentication-methods", "method", "extended-property"])
        #expect(Places.users == ["manage-accounts-and-storage", "user-accounts", "user"])
        #expect(Places.authenticationServices == ["manage-system", "authentication-services", "service"])
        #expect(Places.certificateAuthorities == ["manage-system", "certificates", "certificate-authority"])
    }

    @Test func leavesAndRecordsAreWhereTheSpecificationPutsThem() {
        #expect(Places.externalDNSName.description == "manage-system distribution-services global-settings external-dns-name")
        #expect(Places.emailEnabled.description == "manage-system notification-channels email enabled")
        #expect(Places.smsEnabled.description == "manage-system notification-channels sms enabled")
        #expect(Places.personalMobileProvisioning.description == "manage-accounts-and-storage self-service personal-mobile-provisioning")
    }
}
