/// The lists that several cross-field rules are about.
enum RuleSubjects {
    static let methods = ["manage-system", "authentication-methods", "method"]
    static let users = ["manage-accounts-and-storage", "user-accounts", "user"]
}
