import Foundation
import XCTest

/// Every command of SPEC §5 (but the interactive wizard) through the built binary, with
/// `-c` and script files, against a temporary store.
final class CommandTests: XCTestCase {
    /// A server and a method that passes validation, so that publish succeeds.
    static let validMethod = """
        set \(P.servers) service radius-1 host auth1.example.com
        set \(P.methods) method pw type portwise-password
        set \(P.methods) method pw display-name Password
        set \(P.methods) method pw authentication-server radius-1
        """

    // MARK: Navigation

    func testEditCreatesAMissingEntryAndPwdPrintsTheLocation() throws {
        let dashell = try Dashell()
        let result = try dashell.ok("edit \(P.servers) service radius-1; pwd; set host auth1.example.com; publish")
        XCTAssertEqual(result.outputLines.prefix(2), ["(new entry)", "/manage-system authentication-services service radius-1"])
        XCTAssertEqual(
            value(try dashell.published(), "manage-system", "authentication-services", "service", "radius-1", "host") as? String, "auth1.example.com")
    }

    func testEditOfAnEntryAloneCreatesIt() throws {
        let dashell = try Dashell()
        try dashell.ok("edit \(P.cas) certificate-authority \"Root CA\"; top; publish")
        XCTAssertEqual(
            value(try dashell.published(), "manage-system", "certificates", "certificate-authority") as? [String: [String: String]], ["Root CA": [:]])
    }

    func testEditWithDotDotAndAbsolutePaths() throws {
        let dashell = try Dashell()
        let result = try dashell.ok(
            """
            edit manage-system certificates
            edit ..
            pwd
            edit .. manage-accounts-and-storage user-accounts
            pwd
            edit / manage-system notification-channels
            pwd
            cd /manage-system distribution-services
            pwd
            cd .. certificates; pwd
            """)
        XCTAssertEqual(
            result.outputLines,
            [
                "/manage-system",
                "/manage-accounts-and-storage user-accounts",
                "/manage-system notification-channels",
                "/manage-system distribution-services",
                "/manage-system certificates",
            ])
    }

    func testEditAcceptsAdminLabelsInQuotes() throws {
        let dashell = try Dashell()
        let result = try dashell.ok(
            """
            edit "Manage System" "Distribution Services"
            pwd
            edit "Manage Global Distribution Service Settings"
            pwd
            set "External Port" 8443
            top
            publish
            """)
        XCTAssertEqual(result.outputLines.prefix(2), ["/manage-system distribution-services", "/manage-system distribution-services global-settings"])
        XCTAssertEqual(value(try dashell.published(), "manage-system", "distribution-services", "global-settings", "external-port") as? Int, 8443)
    }

    func testEditRefusesALeafAndAListWithoutKey() throws {
        let dashell = try Dashell()
        let leaf = try dashell.fails("edit \(P.dns)")
        XCTAssertTrue(leaf.errors.contains("is a leaf; use set"), leaf.errors)
        let list = try dashell.fails("edit \(P.methods) method")
        XCTAssertTrue(list.errors.contains("is a list; name an entry"), list.errors)
    }

    func testUpReturnsToTheLevelOfTheListAndTakesACount() throws {
        let dashell = try Dashell()
        let result = try dashell.ok(
            """
            edit \(P.methods) method m1
            up
            pwd
            edit method m2
            pwd
            edit extended-property "User Attribute"
            up 2
            pwd
            up 5
            pwd
            """)
        XCTAssertEqual(
            result.outputLines,
            [
                "(new entry)",
                "/manage-system authentication-methods",
                "(new entry)",
                "/manage-system authentication-methods method m2",
                "(new entry)",
                "/manage-system authentication-methods",
                "/",
            ])
    }

    func testTopGoesToTheRoot() throws {
        let dashell = try Dashell()
        let result = try dashell.ok("edit \(P.users) user alice portwise-authentication; top; pwd")
        XCTAssertEqual(result.outputLines, ["/"])
    }

    func testExitGoesUpOneLevelAndAtTheTopEndsTheScript() throws {
        let dashell = try Dashell()
        let result = try dashell.ok(
            """
            set \(P.dns) one.example.com
            publish
            edit manage-system certificates
            exit
            pwd
            exit
            pwd
            exit
            pwd
            set \(P.dns) two.example.com
            publish
            """)
        XCTAssertEqual(result.outputLines, ["Published revision 1 (1 change)", "/manage-system", "/"])
        XCTAssertEqual(try dashell.revisionCount(), 1)
    }

    func testQuitEndsTheScriptFromAnyLevel() throws {
        let dashell = try Dashell()
        let script = try dashell.write(
            "q.dash",
            """
            set \(P.dns) one.example.com
            publish
            edit manage-system certificates
            quit
            set \(P.dns) two.example.com
            publish
            """)
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(
            value(try dashell.published(), "manage-system", "distribution-services", "global-settings", "external-dns-name") as? String, "one.example.com")
    }

    func testLsShowsValuesDefaultsUnsetLeavesCountsAndKeys() throws {
        let dashell = try Dashell()
        let result = try dashell.ok(
            """
            set \(P.dns) ag5.example.com
            set \(P.users) user bob display-name "Bob Berg"
            set \(P.users) user alice
            set \(P.email) password hunter2
            ls \(P.global)
            ls \(P.users) user
            ls \(P.users)
            ls \(P.users) user bob
            ls \(P.email) password
            """)
        let lines = result.outputLines
        XCTAssertEqual(Array(lines.prefix(2)), ["external-dns-name  ag5.example.com", "external-port      443 (default)"])
        XCTAssertEqual(Array(lines[2...3]), ["alice", "bob"])
        XCTAssertEqual(lines[4], "user  2 entries")
        XCTAssertEqual(
            Array(lines[5...8]),
            ["display-name             \"Bob Berg\"", "email                    -", "cell-phone               -", "portwise-authentication/"])
        XCTAssertEqual(lines.last, "********", "a secret is never printed back")
        XCTAssertFalse(result.output.contains("hunter2"))
    }

    func testLsShowsOnlyDefaultsThatApplyToTheMethodsType() throws {
        let dashell = try Dashell()
        let result = try dashell.ok(
            """
            edit \(P.methods) method otp
            set type oath
            ls
            up
            edit method pm
            set type personal-mobile
            ls
            """)
        let lines = result.outputLines.filter { $0 != "(new entry)" }
        XCTAssertEqual(lines.count, 24)
        let oath = Array(lines[0..<12]), mobile = Array(lines[12...])
        XCTAssertTrue(oath.contains("enabled                              true (default)"), oath.joined(separator: "\n"))
        XCTAssertTrue(oath.contains("same-device                          -"), oath.joined(separator: "\n"))
        XCTAssertTrue(oath.contains("wait-seconds                         -"), oath.joined(separator: "\n"))
        XCTAssertTrue(oath.contains("personal-certificate-authentication  -"), oath.joined(separator: "\n"))
        XCTAssertTrue(mobile.contains("same-device                          false (default)"), mobile.joined(separator: "\n"))
        XCTAssertTrue(mobile.contains("wait-seconds                         3 (default)"), mobile.joined(separator: "\n"))
        XCTAssertTrue(mobile.contains("another-device-mode                  username (default)"), mobile.joined(separator: "\n"))
        XCTAssertTrue(mobile.contains("personal-certificate-authentication  false (default)"), mobile.joined(separator: "\n"))
    }

    // MARK: Editing

    func testSetOfABooleanWithoutValueMeansTrue() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.email) enabled; set \(P.email) start-tls; publish")
        let email = value(try dashell.published(), "manage-system", "notification-channels", "email") as? [String: Any]
        XCTAssertEqual(email?["enabled"] as? Bool, true)
        XCTAssertEqual(email?["start-tls"] as? Bool, true)
        let result = try dashell.fails("set \(P.email) host")
        XCTAssertTrue(result.errors.contains("needs a value"), result.errors)
    }

    func testSetWithoutValueCreatesAListEntry() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.users) user ann.smith; set \(P.cas) certificate-authority Root; publish")
        let json = try dashell.published()
        XCTAssertEqual(value(json, "manage-accounts-and-storage", "user-accounts", "user") as? [String: [String: String]], ["ann.smith": [:]])
        XCTAssertEqual(value(json, "manage-system", "certificates", "certificate-authority") as? [String: [String: String]], ["Root": [:]])
    }

    func testSetTakesQuotedValuesAndRefusesExtraWords() throws {
        let dashell = try Dashell()
        try dashell.ok(#"set \#(P.users) user ann display-name "Ann \"The\" O'Brien"; set \#(P.users) user bob display-name 'Bob "B" \n'; publish"#)
        let users = value(try dashell.published(), "manage-accounts-and-storage", "user-accounts", "user") as? [String: [String: Any]]
        XCTAssertEqual(users?["ann"]?["display-name"] as? String, #"Ann "The" O'Brien"#)
        XCTAssertEqual(users?["bob"]?["display-name"] as? String, #"Bob "B" \n"#)
        let extra = try dashell.fails("set \(P.users) user ann display-name Ann Smith")
        XCTAssertTrue(extra.errors.contains("too many values"), extra.errors)
    }

    func testARefusedSecretIsNotPrintedInTheMessage() throws {
        let dashell = try Dashell()
        let result = try dashell.fails("set \(P.email) password \"hunter2\\nsecond line\"")
        XCTAssertTrue(
            result.errors.hasPrefix("<command-line>:1:56: error: \(P.email) password: ******** contains the control character U+000A\n"), result.errors)
        XCTAssertFalse(result.errorLines.first?.contains("hunter2") ?? true, result.errors)
        let ordinary = try dashell.fails("set \(P.email) username \"mailer\\nsecond line\"")
        XCTAssertTrue(ordinary.errors.contains("username: \"mailer\\nsecond line\" contains the control character U+000A"), ordinary.errors)
    }

    func testDeleteOfALeafBringsBackTheDefault() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; set \(P.dns) a.example.com; publish")
        let result = try dashell.ok("delete \(P.port); ls \(P.global); publish")
        XCTAssertTrue(result.outputLines.contains("external-port      443 (default)"), result.output)
        XCTAssertEqual(try dashell.run("export").output, "set \(P.dns) a.example.com\n")
    }

    func testDeleteOfAnEntryAListAndASubtree() throws {
        let dashell = try Dashell()
        try dashell.ok(
            """
            set \(P.users) user alice email alice@example.com
            set \(P.users) user bob email bob@example.com
            set \(P.users) user carol email carol@example.com
            set \(P.cas) certificate-authority Root subject CN=Root
            set \(P.email) host smtp.example.com
            set \(P.email) port 587
            publish
            """)
        try dashell.ok("delete \(P.users) user bob; publish")
        XCTAssertEqual(
            (value(try dashell.published(), "manage-accounts-and-storage", "user-accounts", "user") as? [String: Any])?.keys.sorted(), ["alice", "carol"])
        try dashell.ok("delete \(P.users) user; delete \(P.email); publish")
        let json = try dashell.published()
        XCTAssertNil(json["manage-accounts-and-storage"])
        XCTAssertNil(value(json, "manage-system", "notification-channels"))
        try dashell.ok("delete manage-system; publish")
        XCTAssertEqual(try dashell.run("export").output, "")
    }

    func testDeleteOfNothingWarnsAndSucceeds() throws {
        let dashell = try Dashell()
        let result = try dashell.ok("delete \(P.dns); delete \(P.users) user")
        XCTAssertTrue(result.errors.contains("warning: nothing to delete at \(P.dns)"), result.errors)
        XCTAssertTrue(result.errors.contains("warning: nothing to delete at \(P.users) user"), result.errors)
    }

    func testRenameMovesTheEntryAndReferencesFollow() throws {
        let dashell = try Dashell()
        try dashell.ok(Self.validMethod + "\nset \(P.servers) service radius-1 port 1645\npublish")
        let renamed = try dashell.ok("rename \(P.servers) service radius-1 radius-new; publish")
        XCTAssertEqual(renamed.outputLines.first, "1 reference updated to name radius-new", "the method that names the service follows, and is said to")
        let json = try dashell.published()
        let servers = value(json, "manage-system", "authentication-services", "service") as? [String: [String: Any]]
        XCTAssertEqual(servers?.keys.sorted(), ["radius-new"])
        XCTAssertEqual(servers?["radius-new"]?["host"] as? String, "auth1.example.com")
        XCTAssertEqual(servers?["radius-new"]?["port"] as? Int, 1645)
        XCTAssertEqual(value(json, "manage-system", "authentication-methods", "method", "pw", "authentication-server") as? String, "radius-new")
    }

    func testRenameIsRefusedWhenTheNewKeyExists() throws {
        let dashell = try Dashell()
        let result = try dashell.fails("set \(P.users) user a email a@example.com; set \(P.users) user b email b@example.com; rename \(P.users) user a b")
        XCTAssertTrue(result.errors.contains("b"), result.errors)
        XCTAssertTrue(result.errors.contains("exists"), result.errors)
        let notEntry = try dashell.fails("rename \(P.users) x")
        XCTAssertFalse(notEntry.errors.isEmpty)
    }

    func testCopyOfAMethodIsPublishableAtOnce() throws {
        let dashell = try Dashell()
        try dashell.ok(Self.validMethod + "\nset \(P.methods) method pw extended-property \"User Attribute\" value uid\npublish")
        XCTAssertEqual(
            try dashell.ok("copy \(P.servers) service radius-1 radius-2").outputLines, ["0 references updated: 1 still names radius-1, not the copy"])
        try dashell.ok("copy \(P.methods) method pw pw-2; publish")
        let methods = value(try dashell.published(), "manage-system", "authentication-methods", "method") as? [String: [String: Any]]
        XCTAssertEqual(methods?.keys.sorted(), ["pw", "pw-2"])
        XCTAssertEqual(methods?["pw"]?["display-name"] as? String, "Password")
        XCTAssertEqual(methods?["pw-2"]?["display-name"] as? String, "Password (copy)")
        XCTAssertEqual(methods?["pw-2"]?["authentication-server"] as? String, "radius-1")
        assertJSON(methods?["pw-2"]?["extended-property"], ["User Attribute": ["value": "uid"]])
    }

    func testCopyWorksFromWhereTheUserIsAndOnAnyList() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.users) user alice email a@example.com; publish")
        let result = try dashell.ok("edit \(P.users); copy user alice bob; top; show \(P.users) user bob")
        XCTAssertEqual(result.outputLines, ["email a@example.com"])
    }

    func testCopyIsRefusedForAMissingEntryATakenKeyOrAnInvalidKey() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.users) user a email a@example.com; set \(P.users) user b email b@example.com; publish")
        let missing = try dashell.fails("copy \(P.users) user nobody c")
        XCTAssertTrue(missing.errors.contains("\(P.users) user nobody: no such entry"), missing.errors)
        let taken = try dashell.fails("copy \(P.users) user a b")
        XCTAssertTrue(taken.errors.hasPrefix("<command-line>:1:55: error: \(P.users) user b: already exists"), taken.errors)
        let invalid = try dashell.fails("copy \(P.users) user a \"a copy\"")
        XCTAssertTrue(invalid.errors.contains("invalid user-id") && invalid.errors.contains("contains a blank"), invalid.errors)
        let notEntry = try dashell.fails("copy \(P.users) user")
        XCTAssertTrue(notEntry.errors.contains("manage-accounts-and-storage user-accounts is not a list entry"), notEntry.errors)
        XCTAssertTrue(try dashell.fails("copy a").errors.contains("copy needs the path of an entry and a new key"))
        XCTAssertEqual(try dashell.revisionCount(), 1)
    }

    // MARK: Viewing

    func testShowCandidatePublishedAndRevision() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.dns) one.example.com; publish")
        try dashell.ok("set \(P.dns) two.example.com; publish")
        let result = try dashell.ok(
            """
            set \(P.port) 8443
            show \(P.global)
            show published \(P.global)
            show revision 1 \(P.global)
            show revision 0
            show
            """)
        XCTAssertEqual(
            result.outputLines,
            [
                "external-dns-name two.example.com",
                "external-port 8443",
                "external-dns-name two.example.com",
                "external-dns-name one.example.com",
                "manage-system",
                "  distribution-services",
                "    global-settings",
                "      external-dns-name two.example.com",
                "      external-port 8443",
            ])
        let missing = try dashell.fails("show revision 9")
        XCTAssertTrue(missing.errors.hasPrefix("<command-line>:1:15: error: no revision 9; revisions are 0 to 2"), missing.errors)
        XCTAssertTrue(try dashell.fails("compare revision 1 revision 3").errors.hasPrefix("<command-line>:1:29: error: no revision 3"))
        XCTAssertTrue(try dashell.fails("rollback 12").errors.hasPrefix("<command-line>:1:10: error: no revision 12"))
    }

    func testShowHistoryListsRevisionsNewestFirst() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.dns) one.example.com; set \(P.port) 8443; publish comment first one")
        let script = try dashell.write("second.dash", "set \(P.dns) two.example.com\npublish\n")
        XCTAssertEqual(try dashell.run(script).status, 0)
        let all = try dashell.ok("show history").outputLines
        XCTAssertEqual(all.count, 2)
        XCTAssertTrue(all[0].hasPrefix("2  "), all[0])
        XCTAssertTrue(all[0].hasSuffix("  tester  script second.dash  1 change"), all[0])
        XCTAssertTrue(all[1].hasPrefix("1  "), all[1])
        XCTAssertTrue(all[1].hasSuffix("  tester  -c  2 changes  \"first one\""), all[1])
        let time = all[1].split(separator: " ", omittingEmptySubsequences: true)[1]
        XCTAssertNotNil(ISO8601DateFormatter().date(from: String(time)), String(time))
        XCTAssertEqual(try dashell.ok("show history 1").outputLines, [all[0]])
    }

    func testCompareCandidateAgainstPublished() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; set \(P.users) user bob email bob@example.com; publish")
        let result = try dashell.ok(
            "set \(P.port) 9443; set \(P.dns) ag5.example.com; delete \(P.users) user bob; set \(P.users) user ann display-name \"Ann A\"; compare")
        XCTAssertEqual(
            result.outputLines,
            [
                "+ manage-accounts-and-storage user-accounts user ann",
                "+   display-name \"Ann A\"",
                "- manage-accounts-and-storage user-accounts user bob",
                "-   email bob@example.com",
                "  manage-system distribution-services global-settings",
                "+   external-dns-name ag5.example.com",
                "-   external-port 8443",
                "+   external-port 9443",
            ])
        let scoped = try dashell.ok("set \(P.port) 9443; set \(P.users) user ann email ann@example.com; compare \(P.users)")
        XCTAssertEqual(scoped.outputLines, ["+ manage-accounts-and-storage user-accounts user ann", "+   email ann@example.com"])
        XCTAssertEqual(try dashell.ok("compare").output, "no differences\n", "no change: said so, not an empty answer")
    }

    func testCompareRevisions() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; publish")
        try dashell.ok("set \(P.port) 9443; set \(P.users) user bob email bob@example.com; publish")
        let between = try dashell.ok("compare revision 1 revision 2")
        XCTAssertEqual(
            between.outputLines,
            [
                "+ manage-accounts-and-storage user-accounts user bob",
                "+   email bob@example.com",
                "  manage-system distribution-services global-settings",
                "-   external-port 8443",
                "+   external-port 9443",
            ])
        let againstCandidate = try dashell.ok("set \(P.port) 10443; compare revision 1")
        XCTAssertEqual(
            againstCandidate.outputLines,
            [
                "+ manage-accounts-and-storage user-accounts user bob",
                "+   email bob@example.com",
                "  manage-system distribution-services global-settings",
                "-   external-port 8443",
                "+   external-port 10443",
            ])
        let scoped = try dashell.ok("compare revision 0 revision 2 \(P.users)")
        XCTAssertEqual(scoped.outputLines, ["+ manage-accounts-and-storage user-accounts user bob", "+   email bob@example.com"])
    }

    func testStatusCountsNetPendingChanges() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; publish")
        let result = try dashell.ok("set \(P.dns) a.example.com; set \(P.port) 9443; set \(P.port) 8443; status")
        XCTAssertEqual(result.outputLines, ["base revision    1", "latest revision  1", "pending changes  1"])
    }

    func testValidateListsViolationsAndExits3() throws {
        let dashell = try Dashell()
        let script = try dashell.write(
            "v.dash",
            """
            set \(P.methods) method m1 type oath
            set \(P.methods) method m1 authentication-server nowhere
            validate
            publish
            """)
        let result = try dashell.run(script)
        XCTAssertEqual(result.status, 3, result.errors)
        XCTAssertEqual(result.errorLines.first, "v.dash:3:1: error: validation failed: 2 errors")
        XCTAssertTrue(result.errorLines.contains("validate"), result.errors)
        XCTAssertTrue(result.errorLines.contains { $0.hasPrefix("\(P.methods) method m1 display-name: ") }, result.errors)
        XCTAssertTrue(result.errorLines.contains { $0.hasPrefix("\(P.methods) method m1 authentication-server: ") && $0.contains("nowhere") }, result.errors)
        XCTAssertEqual(try dashell.revisionCount(), 0)
    }

    func testValidateWarningsGoToStandardErrorAndExit0() throws {
        let dashell = try Dashell()
        let result = try dashell.ok(
            """
            set \(P.dns) ag5.example.com
            set \(P.servers) service radius-1 host auth1.example.com
            set \(P.methods) method pm type personal-mobile
            set \(P.methods) method pm display-name Mobile
            set \(P.methods) method pm authentication-server radius-1
            set \(P.methods) method pm same-device true
            validate
            """)
        XCTAssertEqual(result.output, "Configuration is valid\n")
        XCTAssertTrue(result.errors.hasPrefix("warning: \(P.methods)"), result.errors)
        XCTAssertTrue(result.errors.contains("add a second method"), result.errors)
    }

    func testSearchGlobsTheIdAndFindsWordsInIdNameAndEmail() throws {
        let dashell = try Dashell()
        try dashell.ok(
            """
            set \(P.users) user zed display-name "Zed Alison"
            set \(P.users) user zed email zed@example.com
            set \(P.users) user alice display-name "Alice Andersson"
            set \(P.users) user alice email alice@example.com
            set \(P.users) user bob email bob@example.org
            set \(P.users) user carl
            publish
            """)
        // A plain word: any part of the id, display name or e-mail, whatever the case.
        XCTAssertEqual(
            try dashell.ok("search user-accounts ALI").outputLines,
            [
                "alice  \"Alice Andersson\"  <alice@example.com>",
                "zed    \"Zed Alison\"       <zed@example.com>",
            ])
        XCTAssertEqual(try dashell.ok("search user-accounts example.ORG").outputLines, ["bob  <bob@example.org>"])
        // A glob: the whole user id.
        XCTAssertEqual(try dashell.ok("search user-accounts '*ali*'").outputLines, ["alice  \"Alice Andersson\"  <alice@example.com>"])
        XCTAssertEqual(try dashell.ok("search user-accounts \"al?ce\"").outputLines.count, 1)
        XCTAssertEqual(try dashell.ok("search user-accounts c*").outputLines, ["carl"])
        XCTAssertEqual(try dashell.ok("search user-accounts '*'").outputLines.map { String($0.prefix(while: { $0 != " " })) }, ["alice", "bob", "carl", "zed"])
        let none = try dashell.ok("search user-accounts nobody*")
        XCTAssertEqual(none.output, "")
        XCTAssertEqual(none.errors, "no users match\n")
    }

    // MARK: Transactions

    func testPublishOfNothingSucceedsWithoutARevision() throws {
        let dashell = try Dashell()
        let result = try dashell.ok("publish")
        XCTAssertEqual(result.output, "nothing to publish\n")
        XCTAssertEqual(try dashell.revisionCount(), 0)
        try dashell.ok("set \(P.port) 8443; publish")
        let unchanged = try dashell.ok("set \(P.port) 8443; publish")
        XCTAssertEqual(unchanged.output, "nothing to publish\n", "setting a leaf to its published value is no change")
        XCTAssertEqual(try dashell.revisionCount(), 1)
    }

    func testPublishRecordsTheCommentWords() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; publish comment rotate the port")
        XCTAssertTrue(try dashell.ok("show history").output.hasSuffix("1 change  \"rotate the port\"\n"))
    }

    func testDiscardDropsEveryChange() throws {
        let dashell = try Dashell()
        let result = try dashell.ok("set \(P.port) 8443; set \(P.users) user a; discard; status; publish")
        XCTAssertTrue(result.outputLines.contains("pending changes  0"), result.output)
        XCTAssertEqual(result.outputLines.last, "nothing to publish")
    }

    func testRollbackLoadsARevisionIntoTheCandidateOnly() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; set \(P.users) user a email a@example.com; publish")
        try dashell.ok("set \(P.port) 9443; delete \(P.users) user a; set \(P.users) user b; publish")
        let looked = try dashell.ok("rollback 1; show published \(P.global); show \(P.global)")
        XCTAssertEqual(Array(looked.outputLines.suffix(2)), ["external-port 9443", "external-port 8443"])
        XCTAssertEqual(try dashell.revisionCount(), 2, "rollback alone publishes nothing")
        try dashell.ok("rollback 1; publish comment back")
        let json = try dashell.published()
        XCTAssertEqual(value(json, "manage-system", "distribution-services", "global-settings", "external-port") as? Int, 8443)
        XCTAssertEqual((value(json, "manage-accounts-and-storage", "user-accounts", "user") as? [String: Any])?.keys.sorted(), ["a"])
        XCTAssertEqual(try dashell.revisionCount(), 3)
        XCTAssertEqual(try dashell.fails("rollback 7").status, 1)
    }

    /// A script cannot be asked whether its changes may go: it must discard them first.
    func testRollbackOverPendingChangesIsRefusedInAScriptUntilDiscard() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; publish")
        let refused = try dashell.fails("set \(P.port) 9443\nrollback 0\nshow \(P.global)")
        XCTAssertEqual(
            refused.errorLines.first, "<command-line>:2:1: error: rollback would replace your 1 unpublished change; run discard first, or publish them")
        let rolledBack = try dashell.ok("set \(P.port) 9443; discard; rollback 0; compare").outputLines
        XCTAssertEqual(Array(rolledBack.suffix(2)), ["  \(P.global)", "-   external-port 8443"])
    }

    func testUpdateOnACurrentBaseKeepsTheChanges() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; publish")
        let result = try dashell.ok("set \(P.dns) a.example.com; update; status; publish")
        XCTAssertEqual(result.outputLines.first, "Candidate rebased onto revision 1")
        XCTAssertTrue(result.outputLines.contains("pending changes  1"), result.output)
        XCTAssertEqual(try dashell.revisionCount(), 2)
    }

    // MARK: Files

    func testLoadMergeOfSetLines() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; set \(P.users) user a email a@example.com; publish")
        _ = try dashell.write(
            "more.dash",
            """
            # users added in bulk
            set \(P.users) user b email b@example.com
            set \(P.users) user c \\
                display-name "C C"
            delete \(P.users) user a
            """)
        let result = try dashell.ok("edit manage-system; load merge more.dash; pwd; top; publish")
        XCTAssertEqual(result.outputLines.first, "Loaded more.dash; 3 pending changes")
        XCTAssertEqual(result.outputLines[1], "/manage-system", "load keeps the location")
        let json = try dashell.published()
        XCTAssertEqual((value(json, "manage-accounts-and-storage", "user-accounts", "user") as? [String: Any])?.keys.sorted(), ["b", "c"])
        XCTAssertEqual(value(json, "manage-system", "distribution-services", "global-settings", "external-port") as? Int, 8443)
    }

    func testLoadRefusesOtherCommandsAndKeepsTheCandidate() throws {
        let dashell = try Dashell()
        _ = try dashell.write("bad.dash", "set \(P.users) user b\npublish\n")
        let result = try dashell.fails("set \(P.port) 8443; load merge bad.dash")
        // As in a sourced file: the file's line and column first, then where it was loaded from.
        XCTAssertEqual(result.errorLines.first, "bad.dash:2:1: error: only set and delete lines can be loaded, not publish", result.errors)
        XCTAssertEqual(result.errorLines.last, "  included from <command-line>:1", result.errors)
    }

    func testLoadReplaceOfSetLinesReplacesEverything() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; set \(P.users) user a email a@example.com; publish")
        _ = try dashell.write("new.dash", "set \(P.dns) new.example.com\n")
        try dashell.ok("load replace new.dash; publish")
        XCTAssertEqual(try dashell.run("export").output, "set \(P.dns) new.example.com\n")
    }

    func testLoadOfAJSONExportMergeAndReplace() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.port) 8443; set \(P.users) user a email a@example.com; publish")
        let json =
            #"{"manage-accounts-and-storage": {"user-accounts": {"user": {"b": {"display-name": "B B", "portwise-authentication": {"enable-personal": true}}}}}}"#
        _ = try dashell.write("users.json", json)
        try dashell.ok("load merge users.json; publish")
        var users = value(try dashell.published(), "manage-accounts-and-storage", "user-accounts", "user") as? [String: [String: Any]]
        XCTAssertEqual(users?.keys.sorted(), ["a", "b"])
        XCTAssertEqual(value(users?["b"], "portwise-authentication", "enable-personal") as? Bool, true)
        try dashell.ok("load replace users.json; publish")
        let all = try dashell.published()
        users = value(all, "manage-accounts-and-storage", "user-accounts", "user") as? [String: [String: Any]]
        XCTAssertEqual(users?.keys.sorted(), ["b"])
        XCTAssertNil(all["manage-system"])
    }

    func testLoadOfJSONWithAMaskedSecretKeepsTheExistingSecret() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.email) password s3cret; set \(P.email) username mailer; publish")
        let masked = try dashell.run("export", "--format", "json")
        XCTAssertTrue(masked.output.contains("\"********\""), masked.output)
        let edited = masked.output.replacingOccurrences(of: "\"mailer\"", with: "\"postman\"")
        _ = try dashell.write("masked.json", edited)
        let result = try dashell.ok("load replace masked.json; publish")
        XCTAssertTrue(result.errors.contains("warning: \(P.email) password: the file holds a masked secret; keeping the current one"), result.errors)
        let email = value(try dashell.published(includeSecrets: true), "manage-system", "notification-channels", "email") as? [String: Any]
        XCTAssertEqual(email?["password"] as? String, "s3cret")
        XCTAssertEqual(email?["username"] as? String, "postman")
    }

    /// SPEC §8: a `set` export holds a secret only as a `# set … ********` comment; loading it
    /// back keeps the current secret, as the JSON round trip does, with one warning.
    func testLoadOfASetExportKeepsTheSecretItHoldsMasked() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.email) password s3cret; set \(P.email) username mailer; publish")
        let masked = try dashell.run("export", "--format", "set")
        XCTAssertTrue(masked.output.contains("# set \(P.email) password ********\n"), masked.output)
        _ = try dashell.write("exp.set", masked.output.replacingOccurrences(of: "username mailer", with: "username postman"))
        let kept = "warning: \(P.email) password: the file holds a masked secret; keeping the current one"
        let replaced = try dashell.ok("load replace exp.set; publish")
        XCTAssertEqual(replaced.errors.components(separatedBy: kept).count, 2, "one warning: \(replaced.errors)")
        var email = value(try dashell.published(includeSecrets: true), "manage-system", "notification-channels", "email") as? [String: Any]
        XCTAssertEqual(email?["password"] as? String, "s3cret")
        XCTAssertEqual(email?["username"] as? String, "postman")
        XCTAssertTrue(try dashell.ok("load merge exp.set").errors.contains(kept))
        // A later `set` of the secret in the file wins over the comment.
        _ = try dashell.write("new.set", masked.output + "set \(P.email) password n3w\n")
        try dashell.ok("load replace new.set; publish")
        email = value(try dashell.published(includeSecrets: true), "manage-system", "notification-channels", "email") as? [String: Any]
        XCTAssertEqual(email?["password"] as? String, "n3w")
        // With no secret to keep, the warning says so.
        let empty = try Dashell()
        _ = try empty.write("exp.set", masked.output)
        let fresh = try empty.ok("load replace exp.set")
        XCTAssertTrue(
            fresh.errors.contains("warning: \(P.email) password: the file holds a masked secret, and there is no current one to keep"),
            fresh.errors)
    }

    func testSaveWritesTheCandidateLoadableWithLoadReplace() throws {
        let dashell = try Dashell()
        try dashell.ok(
            """
            set \(P.email) password "p a s s"
            set \(P.users) user "ann;smith" display-name "Ann \\"A\\" Smith"
            set \(P.cas) certificate-authority Root
            publish
            set \(P.port) 8443
            save saved.dash
            """)
        let saved = try String(contentsOfFile: dashell.directory + "/saved.dash", encoding: .utf8)
        XCTAssertTrue(saved.contains("set \(P.port) 8443\n"), saved)
        XCTAssertTrue(saved.contains("set \(P.email) password \"p a s s\"\n"), saved)
        let attributes = try FileManager.default.attributesOfItem(atPath: dashell.directory + "/saved.dash")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let other = try Dashell()
        try FileManager.default.copyItem(atPath: dashell.directory + "/saved.dash", toPath: other.directory + "/saved.dash")
        try other.ok("set \(P.dns) gone.example.com; load replace saved.dash; publish")
        try dashell.ok("set \(P.port) 8443; publish")
        XCTAssertEqual(try other.run("export", "--include-secrets").output, try dashell.run("export", "--include-secrets").output)
    }

    func testSourceRunsAFileInTheSessionAndExitEndsOnlyThatFile() throws {
        let dashell = try Dashell()
        _ = try dashell.write("part.dash", "top\nset \(P.port) 8443\nedit manage-system\nexit\nexit\nset \(P.dns) never.example.com\n")
        let result = try dashell.ok("edit manage-system certificates; source part.dash; pwd; set \(P.users) user a; top; publish")
        XCTAssertEqual(result.outputLines.first, "/", "the sourced file's navigation stays in the session")
        let export = try dashell.run("export").output
        XCTAssertTrue(export.contains("external-port 8443"), export)
        XCTAssertFalse(export.contains("never"), export)
        XCTAssertTrue(export.contains("user a"), export)
    }

    func testQuitInASourcedFileEndsTheWholeScript() throws {
        let dashell = try Dashell()
        _ = try dashell.write("stop.dash", "set \(P.port) 8443\npublish\nquit\nset \(P.port) 9443\n")
        let result = try dashell.ok("source stop.dash; set \(P.dns) never.example.com; publish")
        XCTAssertEqual(result.outputLines, ["Published revision 1 (1 change)"])
        XCTAssertEqual(try dashell.run("export").output, "set \(P.port) 8443\n")
    }

    func testSourceRefusesAFileThatSourcesItselfAndReportsTheChain() throws {
        let dashell = try Dashell()
        _ = try dashell.write("a.dash", "set \(P.port) 8443\nsource b.dash\n")
        _ = try dashell.write("b.dash", "# b\nsource a.dash\n")
        let result = try dashell.run("a.dash")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errorLines.first, "b.dash:2:8: error: a.dash is already being run; a file cannot source itself, directly or not")
        XCTAssertTrue(result.errorLines.contains("  included from a.dash:2"), result.errors)
        let bad = try dashell.write("c.dash", "source d.dash\n")
        _ = try dashell.write("d.dash", "\n\nset \(P.port) 0\n")
        let nested = try dashell.run(bad)
        XCTAssertEqual(nested.status, 1)
        XCTAssertTrue(nested.errorLines.first?.hasPrefix("d.dash:3:") == true, nested.errors)
        XCTAssertEqual(nested.errorLines.last, "  included from c.dash:1")
    }

    // MARK: Reference, abbreviations

    func testHelpListsEveryCommandAndDescribesOne() throws {
        let dashell = try Dashell()
        let all = try dashell.ok("help").output
        for name in [
            "edit", "cd", "up", "top", "exit", "quit", "pwd", "ls", "set", "delete", "rename", "copy", "show", "compare", "status",
            "validate", "search", "publish", "confirm", "discard", "rollback", "update", "load", "save", "source", "help", "history",
        ] {
            XCTAssertTrue(all.contains("\n  \(name)"), "help lacks \(name)")
        }
        for pipe in ["match", "except", "count", "display", "no-more"] { XCTAssertTrue(all.contains("  \(pipe) "), "help lacks | \(pipe)") }
        XCTAssertEqual(try dashell.ok("help publish").outputLines.first, "usage: publish [confirmed DURATION] [comment TEXT]")
        XCTAssertEqual(try dashell.ok("help sh").outputLines.first, "usage: show [published | revision N | history [N] | requests | audit [N]] [PATH]")
        XCTAssertEqual(try dashell.fails("help nothing").status, 1)
    }

    /// Paths and values as Digital Access Admin and its documents name them.
    func testBreadcrumbsAdminLabelsAndPrefixesOfValues() throws {
        let dashell = try Dashell()
        let shown = try dashell.ok(
            """
            set "Manage System > Distribution Services" global-settings external-port 8443
            set \(P.users) user u1 email u1@example.com
            set \(P.users) user u1 portwise-authentication notification "By E-mail"
            set \(P.users) user u2 portwise-authentication notification no
            show
            """)
        XCTAssertTrue(shown.output.contains("external-port 8443"), shown.output)
        XCTAssertTrue(shown.output.contains("notification email"), shown.output)
        XCTAssertTrue(shown.output.contains("notification none"), shown.output)
    }

    func testCommandsAndKeywordsMayBeAbbreviated() throws {
        let dashell = try Dashell()
        try dashell.ok("set manage-s dist glob external-p 8443; pub")
        let result = try dashell.ok("sh pub manage-s di g; ed manage-s; up; pw")
        XCTAssertEqual(result.outputLines, ["external-port 8443", "/"])
        XCTAssertEqual(try dashell.ok("SHOW PUBLISHED MANAGE-SYSTEM DISTRIBUTION-SERVICES").outputLines.count, 2, "case-insensitive")
    }

    func testUpIsUpNotUpdate() throws {
        let dashell = try Dashell()
        let result = try dashell.ok("edit manage-system certificates; up; pwd; upd")
        XCTAssertEqual(result.outputLines, ["/manage-system", "Candidate rebased onto revision 0"])
    }

    func testAmbiguousPrefixesListTheCandidates() throws {
        let dashell = try Dashell()
        let command = try dashell.fails("s")
        XCTAssertTrue(
            command.errors.hasPrefix("<command-line>:1:1: error: ambiguous command 's': could be set, show, status, search, save, source"), command.errors)
        let keyword = try dashell.fails("show manage-system a")
        XCTAssertTrue(keyword.errors.contains("ambiguous 'a': could be authentication-services, authentication-methods"), keyword.errors)
        let unknown = try dashell.fails("frob")
        XCTAssertTrue(unknown.errors.contains("unknown command 'frob'"), unknown.errors)
    }

    func testListKeysAreNeverAbbreviated() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.users) user alice email a@example.com; publish")
        try dashell.ok("set \(P.users) user ali email b@example.com; publish")
        let users = value(try dashell.published(), "manage-accounts-and-storage", "user-accounts", "user") as? [String: [String: String]]
        XCTAssertEqual(users, ["alice": ["email": "a@example.com"], "ali": ["email": "b@example.com"]])
    }
}
