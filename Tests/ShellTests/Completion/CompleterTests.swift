import ConfigModel
import ConfigStore
import DigitalAccess
import LineEditing
import XCTest

@testable import ShellCore
@testable import ShellInteractive

/// TAB and `?` without a terminal: text before the cursor → candidates, the span they
/// replace, and descriptions.
final class CompleterTests: XCTestCase {
    private func completer(_ setup: String = "") throws -> ShellCompleter {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let console = CapturingConsole()
        if !setup.isEmpty {
            let script = try Session(store: store, mode: .script, options: .init(user: "t"), console: console, source: "-c")
            try script.execute(line: setup)
        }
        let session = try Session(store: store, mode: .interactive, options: .init(user: "t"), console: console, source: "interactive")
        return ShellCompleter(session: session)
    }

    func testCommandNamesByPrefix() throws {
        let completion = try completer().complete("sh")
        XCTAssertEqual(completion.candidates.map(\.text), ["show"])
        XCTAssertEqual(completion.replaceLength, 2)
        XCTAssertFalse(completion.candidates[0].description.isEmpty)
    }

    func testKeywordsAfterACommandWithDescriptions() throws {
        let completion = try completer().complete("show manage-")
        XCTAssertEqual(completion.candidates.map(\.text), ["manage-system", "manage-accounts-and-storage"])
        XCTAssertEqual(completion.replaceLength, 7)
        XCTAssertEqual(try completer().complete("show ").candidates.map(\.text).prefix(3), ["published", "revision", "history"])
    }

    func testListKeysComeFromTheStoreAndAreQuotedWhenNeeded() throws {
        let setup = """
            set manage-accounts-and-storage user-accounts user alice; set manage-accounts-and-storage user-accounts user "al;bundy"; \
            set manage-accounts-and-storage user-accounts user bob; publish
            """
        let completion = try completer(setup).complete("edit manage-accounts-and-storage user-accounts user al")
        XCTAssertEqual(completion.candidates.map(\.text), ["\"al;bundy\"", "alice"])
        XCTAssertEqual(completion.replaceLength, 2)
    }

    func testEnumAndBooleanValuesAndReferenceTargets() throws {
        let setup = "set manage-system authentication-services service radius-1 host r.example.com; publish"
        let shell = try completer(setup)
        XCTAssertEqual(
            shell.complete("set manage-system authentication-methods method m type personal-").candidates.map(\.text),
            ["personal-mobile", "personal-desktop"])
        XCTAssertEqual(shell.complete("set manage-system notification-channels email enabled ").candidates.map(\.text), ["true", "false"])
        // Values by their Admin label too, quoted as they must be typed, once one is begun.
        XCTAssertEqual(
            shell.complete("set manage-system authentication-methods method m type \"Personal D").candidates.map(\.text),
            ["\"Personal Desktop\""])
        XCTAssertEqual(
            shell.complete("set manage-system authentication-methods method m type act").candidates.map(\.text),
            ["active-directory", "\"Active Directory\""])
        XCTAssertEqual(shell.complete("set manage-system authentication-methods method m authentication-server ").candidates.map(\.text), ["radius-1"])
    }

    /// `approve request` and `reject request` offer the open requests, with who made them.
    func testOpenChangeRequestsAreCompleted() throws {
        let store = RevisionedStore(
            storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all, policy: DelegatedManagement())
        let console = CapturingConsole()
        for setup in [
            "set manage-system delegated-management administrator t role super-administrator; set manage-system delegated-management administrator u role super-administrator; set manage-system delegated-management require-approval true; publish",
            "set manage-accounts-and-storage user-accounts user u1 email u1@example.com; publish comment \"new starter\"",
        ] {
            try Session(store: store, mode: .script, options: .init(user: "t"), console: console, source: "-c").execute(line: setup)
        }
        let shell = ShellCompleter(session: try Session(store: store, mode: .interactive, options: .init(user: "t"), console: console, source: "interactive"))
        XCTAssertEqual(shell.complete("approve ").candidates.map(\.text), ["request"])
        XCTAssertEqual(shell.complete("reject request ").candidates.map(\.text), ["1"])
        XCTAssertEqual(shell.help("approve request ").last, "  1  t, 1 change, new starter")
    }

    /// A role's privileges are the nine Digital Access names; an administrator's role is a
    /// predefined role or one of the store's, though none is stored.
    func testPrivilegesAndRolesAreCompleted() throws {
        let shell = try completer("set manage-system delegated-management role desk privilege publish; publish")
        XCTAssertEqual(
            shell.complete("set manage-system delegated-management role desk privilege user-").candidates.map(\.text),
            ["user-account-management", "user-linking-administration", "user-log-viewer", "user-signing-requester"])
        XCTAssertEqual(
            shell.complete("set manage-system delegated-management administrator alice role ").candidates.map(\.text),
            ["desk", "help-desk", "super-administrator"])
    }

    /// `set ?` in a method offers only the leaves its type has: no same-device options on a
    /// desktop method, no certificate options on an OATH one; all while the type is unset.
    func testOnlyLeavesThatApplyToTheMethodsTypeAreOffered() throws {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let session = try Session(store: store, mode: .interactive, options: .init(user: "t"), console: CapturingConsole(), source: "interactive")
        try session.execute(line: "set manage-system authentication-methods method desk type personal-desktop")
        try session.execute(line: "set manage-system authentication-methods method otp type oath")
        let shell = ShellCompleter(session: session)
        let desk = shell.complete("set manage-system authentication-methods method desk ").candidates.map(\.text)
        XCTAssertTrue(desk.contains("personal-certificate-authentication"), "\(desk)")
        XCTAssertFalse(desk.contains("same-device") || desk.contains("wait-seconds") || desk.contains("another-device-mode"), "\(desk)")
        let otp = shell.complete("set manage-system authentication-methods method otp ").candidates.map(\.text)
        XCTAssertFalse(otp.contains("certificate-authority"), "\(otp)")
        let untyped = shell.complete("set manage-system authentication-methods method new ").candidates.map(\.text)
        XCTAssertTrue(untyped.contains("same-device") && untyped.contains("certificate-authority"), "\(untyped)")
    }

    func testCopyCompletesThePathOfAnEntryThenNothingForTheNewKey() throws {
        let setup = """
            set manage-system authentication-services service radius-1 host r.example.com; \
            set manage-system authentication-methods method m1 type portwise-password; \
            set manage-system authentication-methods method m1 display-name One; \
            set manage-system authentication-methods method m1 authentication-server radius-1; publish
            """
        let shell = try completer(setup)
        XCTAssertEqual(shell.complete("copy manage-system authentication-methods method ").candidates.map(\.text), ["m1"])
        XCTAssertEqual(shell.complete("copy manage-system authentication-methods method m1 ").candidates.map(\.text), ["extended-property"])
        let afterEntry = shell.help("copy manage-system authentication-methods method m1 ")
        XCTAssertTrue(afterEntry.contains { $0.hasPrefix("  <new name>") && $0.contains("for the copy") }, "\(afterEntry)")
        XCTAssertFalse(afterEntry.contains { $0.contains("display-name") || $0.contains("<Enter>") }, "\(afterEntry)")
        XCTAssertEqual(shell.complete("copy manage-system authentication-methods method m1 m").candidates, [])
        XCTAssertEqual(shell.help("copy manage-system authentication-methods method m1 m2 "), ["Possible completions:", "  <Enter>  Run the command"])
    }

    func testHelpForASecretSaysEnterAsksForItUnseen() throws {
        let help = try completer().help("set manage-system notification-channels email password ")
        XCTAssertTrue(help.contains("  <Enter>  Type it unseen, twice"), "\(help)")
    }

    func testAbsolutePathFromTheFirstWord() throws {
        let completion = try completer().complete("show /manage-s")
        XCTAssertEqual(completion.candidates.map(\.text), ["/manage-system"])
        XCTAssertEqual(completion.replaceLength, 9)
    }

    func testPipesAndDisplayFormats() throws {
        let shell = try completer()
        XCTAssertEqual(shell.complete("show | d").candidates.map(\.text), ["display"])
        XCTAssertEqual(shell.complete("show | display j").candidates.map(\.text), ["json"])
    }

    func testHelpDescribesValuesWithTypeRangeAndDefault() throws {
        let lines = try completer().help("set manage-system authentication-methods method m wait-seconds ")
        XCTAssertTrue(lines.contains { $0.contains("<value>") && $0.contains("integer 0–300") && $0.contains("default 3") }, "\(lines)")
    }

    func testHelpListsKeywordsWithTheirHelp() throws {
        let lines = try completer().help("show manage-system distribution-services ")
        XCTAssertTrue(lines.contains { $0.contains("global-settings") && $0.contains("External name and port") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("<Enter>") }, "\(lines)")
    }

    func testHelpNamesTheEarlierWordThatMatchesNothing() throws {
        let shell = try completer()
        XCTAssertEqual(shell.help("set foo "), ["  (unknown keyword 'foo' at the top; expected one of: manage-system, manage-accounts-and-storage)"])
        let unknownKeyword = shell.help("show manage-system bar b")
        XCTAssertTrue(unknownKeyword.count == 1 && unknownKeyword[0].hasPrefix("  (unknown keyword 'bar' under manage-system;"), "\(unknownKeyword)")
        let unknownCommand = shell.help("frobnicate ")
        XCTAssertTrue(unknownCommand.count == 1 && unknownCommand[0].contains("'frobnicate'"), "\(unknownCommand)")
        XCTAssertEqual(
            shell.help("set manage-system distribution-services global-settings external-port 8443 extra "),
            ["  ('extra' is not expected here: the command is complete before it)"])
    }

    func testHelpNamesTheWordBeingTypedWhenItMatchesNothing() throws {
        XCTAssertEqual(try completer().help("set manage-system xyz"), ["  (nothing matches 'xyz' here)"])
    }

    func testQuestionMarkInsideQuotesIsText() throws {
        let shell = try completer()
        XCTAssertTrue(shell.isInsideQuote("search user-accounts \"al"))
        XCTAssertFalse(shell.isInsideQuote("search user-accounts al"))
    }

    func testLargeListsAreFetchedByPageWithTheRestCounted() throws {
        let setup = (0..<450).map { "set manage-accounts-and-storage user-accounts user u\($0)" }.joined(separator: "; ") + "; publish"
        let completion = try completer(setup).complete("show manage-accounts-and-storage user-accounts user u")
        XCTAssertEqual(completion.candidates.count, NextWords.keyLimit)
        XCTAssertEqual(completion.unlisted, 450 - NextWords.keyLimit)
    }
}
