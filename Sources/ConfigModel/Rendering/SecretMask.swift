/// What every output shows in place of a secret (SPEC §8). A JSON document whose secret is
/// exactly this text carries no secret: `JSONImport` reports it instead of storing it.
public enum SecretMask {
    public static let text = "********"
}
