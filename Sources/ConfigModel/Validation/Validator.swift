// TEMPORARY until the rules land
public enum Validator {
    public static func validate(_ context: ValidationContext) throws -> [Violation] { [] }
}
