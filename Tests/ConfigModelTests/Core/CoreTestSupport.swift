import XCTest

@testable import ConfigModel

/// A path from schema words, each list keyword followed by its key.
func path(_ words: String...) -> ConfigPath {
    ConfigPath(schemaWords: words)
}

let methods = ["manage-system", "authentication-methods", "method"]
let authenticationServices = ["manage-system", "authentication-services", "service"]
let distributionServices = ["manage-system", "distribution-services", "service"]
let users = ["manage-accounts-and-storage", "user-accounts", "user"]

func method(_ name: String, _ rest: String...) -> ConfigPath {
    ConfigPath(schemaWords: methods + [name] + rest)
}

func user(_ id: String, _ rest: String...) -> ConfigPath {
    ConfigPath(schemaWords: users + [id] + rest)
}

func authenticationService(_ name: String, _ rest: String...) -> ConfigPath {
    ConfigPath(schemaWords: authenticationServices + [name] + rest)
}

let emailChannel = path("manage-system", "notification-channels", "email")

/// The message of the `ValueError` that parsing `text` throws, or nil when it parses.
func parseError(_ type: ValueType, _ text: String) -> String? {
    do {
        _ = try type.parse(text)
        return nil
    } catch {
        return error.description
    }
}
