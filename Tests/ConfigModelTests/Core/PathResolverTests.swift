import XCTest

@testable import ConfigModel

final class PathResolverTests: XCTestCase {
    let resolver = PathResolver()

    func resolve(_ words: [String], from location: ConfigPath = .root) throws -> PathResolver.Resolution {
        try resolver.resolve(words, from: location)
    }

    func resolutionError(_ words: [String], from location: ConfigPath = .root) -> PathError? {
        do {
            _ = try resolver.resolve(words, from: location)
            return nil
        } catch {
            return error
        }
    }

    func testExactKeywordsAndKeys() throws {
        let resolution = try resolve(["manage-system", "authentication-methods", "method", "m1", "extended-property", "User Attribute"])
        XCTAssertEqual(resolution.path, method("m1", "extended-property", "User Attribute"))
        XCTAssertEqual(resolution.node.keyword, "extended-property")
        XCTAssertEqual(resolution.wordsUsed, 6)
    }

    func testKeywordsAreCaseInsensitive() throws {
        let resolution = try resolve(["Manage-System", "NOTIFICATION-CHANNELS", "eMail"])
        XCTAssertEqual(resolution.path, emailChannel)
    }

    func testKeywordsMayBeAbbreviatedToAUniquePrefix() throws {
        let resolution = try resolve(["manage-s", "authentication-m", "meth", "m1"])
        XCTAssertEqual(resolution.path, method("m1"))
    }

    func testAmbiguousPrefixListsTheCandidates() {
        let error = resolutionError(["man"])
        XCTAssertEqual(error?.wordIndex, 0)
        XCTAssertEqual(error?.message, "ambiguous 'man': could be manage-system, manage-accounts-and-storage")
    }

    func testAmbiguityDeeperInThePathNamesThatWord() {
        let error = resolutionError(["manage-system", "authentication"])
        XCTAssertEqual(error?.wordIndex, 1)
        XCTAssertEqual(error?.message, "ambiguous 'authentication': could be authentication-services, authentication-methods")
    }

    func testAWordEqualToAKeywordSelectsItEvenWhenItPrefixesAnother() throws {
        let schema = SchemaNode.container(
            "", "Root", "",
            [
                .leaf("update", "Update", .boolean, ""),
                .leaf("up", "Up", .boolean, ""),
                .leaf("upper", "Upper", .boolean, ""),
            ])
        let resolver = PathResolver(schema: schema)
        XCTAssertEqual(try resolver.resolve(["up"], from: .root).path, ConfigPath([.init("up")]))
        XCTAssertEqual(try resolver.resolve(["UP"], from: .root).path, ConfigPath([.init("up")]))
        XCTAssertEqual(try resolver.resolve(["upd"], from: .root).path, ConfigPath([.init("update")]))
        XCTAssertEqual(try resolver.resolve(["upp"], from: .root).path, ConfigPath([.init("upper")]))
        XCTAssertThrowsError(try resolver.resolve(["u"], from: .root)) { error in
            XCTAssertEqual((error as? PathError)?.message, "ambiguous 'u': could be update, up, upper")
        }
    }

    func testAnEmptyWordIsNotAKeyword() {
        // Not even where it would be a prefix of the only child.
        let error = resolutionError(["manage-accounts-and-storage", "self-service", ""])
        XCTAssertEqual(error?.wordIndex, 2)
        XCTAssertEqual(
            error?.message,
            "unknown keyword '' under manage-accounts-and-storage self-service; "
                + "expected one of: personal-mobile-provisioning")
    }

    func testAdminLabelsNameKeywords() throws {
        XCTAssertEqual(
            try resolve(["Manage System", "Distribution Services"]).path,
            path("manage-system", "distribution-services"))
        XCTAssertEqual(
            try resolve(["manage accounts and storage", "User Accounts"]).path,
            path("manage-accounts-and-storage", "user-accounts"))
        XCTAssertEqual(
            try resolve(["Manage System", "Distribution Services", "Manage Global Distribution Service Settings"]).path,
            path("manage-system", "distribution-services", "global-settings"))
    }

    /// The vendor's documents name a screen by its breadcrumb: one word, labels between `>`.
    func testABreadcrumbNamesTheKeywordsOfItsLabels() throws {
        let resolution = try resolve(["Manage System > Authentication Methods", "method", "m1", "type"])
        XCTAssertEqual(resolution.path, path("manage-system", "authentication-methods").appending("method", key: "m1").appending("type"))
        XCTAssertEqual(resolution.wordsUsed, 4)
        XCTAssertEqual(try resolve(["Manage Accounts and Storage>User Accounts"]).path, path("manage-accounts-and-storage", "user-accounts"))
        XCTAssertEqual(resolutionError(["Manage System > Gadgets"])?.wordIndex, 0)
        XCTAssertNotNil(resolutionError(["Manage System > Authentication Methods > Authentication Method > m1"]))
    }

    func testAdminLabelsAreNotAbbreviated() {
        XCTAssertEqual(resolutionError(["Manage Sys"])?.wordIndex, 0)
    }

    func testListKeysAreExactAndNamesMayContainSpaces() throws {
        let authorities = ["manage-system", "certificates", "certificate-authority"]
        let spaced = try resolve(authorities + ["Bank Issuing CA 2", "subject"])
        XCTAssertEqual(spaced.path, path("manage-system", "certificates", "certificate-authority", "Bank Issuing CA 2", "subject"))
        // A user id is one word.
        XCTAssertEqual(resolutionError(users + ["Alice Smith", "display-name"])?.wordIndex, users.count)
        // Neither lower-cased nor taken as a keyword, even when it is one.
        XCTAssertEqual(try resolve(users + ["ALICE"]).path, user("ALICE"))
        XCTAssertEqual(try resolve(users + ["display-name"]).path, user("display-name"))
        XCTAssertEqual(try resolve(users + ["ali"]).path.steps.last?.key, "ali")
    }

    func testAListKeywordWithoutKeyNamesTheWholeList() throws {
        let resolution = try resolve(users)
        XCTAssertEqual(resolution.path, ConfigPath(users.map { ConfigPath.Step($0) }))
        XCTAssertTrue(resolution.node.isList)
    }

    func testInvalidListKeyIsAnErrorAtThatWord() {
        let error = resolutionError(users + [""])
        XCTAssertEqual(error?.wordIndex, 3)
        XCTAssertEqual(error?.message, "invalid user-id: \"\" is empty; a key needs at least one character")
    }

    func testDotDotLeavesAListEntryForTheContainerAboveTheList() throws {
        let resolution = try resolve([".."], from: method("m1"))
        XCTAssertEqual(resolution.path, path("manage-system", "authentication-methods"))
        XCTAssertEqual(resolution.node.keyword, "authentication-methods")
        XCTAssertEqual(try resolve(["..", "method", "m2"], from: method("m1")).path, method("m2"))
    }

    func testDotDotFromANestedEntryReturnsToTheEnclosingEntry() throws {
        XCTAssertEqual(try resolve([".."], from: method("m1", "extended-property", "User Attribute")).path, method("m1"))
        XCTAssertEqual(
            try resolve(["..", ".."], from: user("alice", "portwise-authentication")).path,
            path("manage-accounts-and-storage", "user-accounts"))
    }

    func testDotDotAtTheTopIsAnError() {
        let error = resolutionError(["manage-system", "..", ".."])
        XCTAssertEqual(error?.wordIndex, 2)
        XCTAssertEqual(error?.message, "already at the top")
    }

    func testSlashStartsFromTheRoot() throws {
        let joined = try resolve(["/manage-accounts-and-storage", "user-accounts"], from: method("m1"))
        XCTAssertEqual(joined.path, path("manage-accounts-and-storage", "user-accounts"))
        XCTAssertEqual(joined.wordsUsed, 2)
        let separate = try resolve(["/", "manage-accounts-and-storage", "user-accounts"], from: method("m1"))
        XCTAssertEqual(separate.path, path("manage-accounts-and-storage", "user-accounts"))
        XCTAssertEqual(separate.wordsUsed, 3)
        XCTAssertEqual(try resolve(["/"], from: method("m1")).path, .root)
    }

    func testASlashInsideAListKeyIsPartOfTheKey() throws {
        XCTAssertEqual(try resolve(users + ["/alice"]).path, user("/alice"))
    }

    func testResolutionStopsAtALeafAndLeavesTheValueWords() throws {
        let resolution = try resolve(["manage-system", "notification-channels", "email", "port", "25"])
        XCTAssertEqual(resolution.path, path("manage-system", "notification-channels", "email", "port"))
        XCTAssertEqual(resolution.wordsUsed, 4)
        XCTAssertEqual(resolution.node.leafSpec?.type, .port)
        let text = try resolve(["display-name", "Smart ID Mobile"], from: method("m1"))
        XCTAssertEqual(text.path, method("m1", "display-name"))
        XCTAssertEqual(text.wordsUsed, 1)
    }

    func testUnknownKeywordNamesThePlaceAndTheWord() {
        let error = resolutionError(["/manage-system", "bogus", "x"])
        XCTAssertEqual(error?.wordIndex, 1)
        XCTAssertEqual(error?.path, path("manage-system"))
        XCTAssertEqual(
            error?.message,
            "unknown keyword 'bogus' under manage-system; expected one of: "
                + "distribution-services, authentication-services, certificates, notification-channels, delegated-management, authentication-methods")
        XCTAssertEqual(resolutionError(["/", "manage-system", "bogus"])?.wordIndex, 2)
        XCTAssertEqual(
            resolutionError(["bogus"])?.message,
            "unknown keyword 'bogus' at the top; expected one of: manage-system, manage-accounts-and-storage")
    }

    func testAMistypedKeywordGetsTheNearestOnes() {
        XCTAssertEqual(
            resolutionError(["manage-sytem"])?.message,
            "unknown keyword 'manage-sytem' at the top; did you mean manage-system?")
        XCTAssertEqual(
            resolutionError(["/manage-system", "authentication-servces"])?.message,
            "unknown keyword 'authentication-servces' under manage-system; did you mean authentication-services?")
    }

    func testErrorIndexCountsFromTheFirstWordAfterAKey() {
        let error = resolutionError(["foo"], from: method("m1"))
        XCTAssertEqual(error?.wordIndex, 0)
        XCTAssertEqual(resolutionError(["..", "method", "m2", "nope"], from: method("m1"))?.wordIndex, 3)
    }
}
