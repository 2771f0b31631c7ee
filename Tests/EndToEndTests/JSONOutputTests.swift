import Foundation
import XCTest

/// `--json`: one JSON document per command on stdout, one line each; errors as a document
/// with file, line, column and code. The shapes are documented in docs/json-output.md.
final class JSONOutputTests: XCTestCase {
    private func documents(_ result: Dashell.Result, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        try result.outputLines.map { text in
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
            return try XCTUnwrap(object as? [String: Any], "not an object: \(text)", file: file, line: line)
        }
    }

    func testEveryCommandPrintsOneDocumentPerLine() throws {
        let dashell = try Dashell()
        let result = try dashell.run([
            "--json", "-c",
            """
            edit \(P.global)
            set external-dns-name ag5.example.com
            pwd
            top
            set \(P.email) password s3cret
            show \(P.global)
            ls \(P.global)
            status
            compare
            validate
            publish comment "first"
            show history
            search user-accounts '*'
            show | display set
            publish
            """,
        ])
        XCTAssertEqual(result.status, 0, result.errors)
        let docs = try documents(result)
        XCTAssertEqual(
            docs.map { $0["command"] as? String },
            [
                "edit", "set", "pwd", "top", "set", "show", "ls", "status", "compare", "validate",
                "publish", "show", "search", "show", "publish",
            ])
        XCTAssertTrue(docs.allSatisfy { $0["ok"] as? Bool == true })
        XCTAssertEqual(docs[2]["result"] as? String, "/manage-system distribution-services global-settings")
        let shown = docs[5]["result"]
        XCTAssertEqual(value(shown, "manage-system", "distribution-services", "global-settings", "external-dns-name") as? String, "ag5.example.com")
        XCTAssertEqual(docs[6]["output"] as? [String], ["external-dns-name  ag5.example.com", "external-port      443 (default)"])
        assertJSON(
            docs[7]["result"], ["base": 0, "latest": 0, "pending": 2, "stale": false, "confirmations": [Any](), "others": [Any](), "requests": [Any]()])
        let compared = try XCTUnwrap(docs[8]["result"] as? [[String: Any]])
        XCTAssertEqual(compared.count, 2)
        let password = compared.first { ($0["path"] as? String) == "\(P.email) password" }
        XCTAssertEqual(password?["new"] as? String, "********", "secrets are masked in JSON too")
        XCTAssertTrue(password?["old"] is NSNull)
        XCTAssertEqual(value(docs[9], "result", "errors") as? [Any] as? [String], [])
        XCTAssertEqual(value(docs[10], "result", "revision") as? Int, 1)
        XCTAssertEqual(value(docs[10], "result", "changes") as? Int, 2)
        let history = try XCTUnwrap(docs[11]["result"] as? [[String: Any]])
        XCTAssertEqual(history.first?["revision"] as? Int, 1)
        XCTAssertEqual(history.first?["source"] as? String, "-c")
        XCTAssertEqual(history.first?["comment"] as? String, "first")
        XCTAssertEqual(history.first?["user"] as? String, "tester")
        XCTAssertEqual(docs[12]["result"] as? [String], [])
        XCTAssertEqual(docs[13]["output"] as? [String], ["set \(P.dns) ag5.example.com", "# set \(P.email) password ********"])
        XCTAssertTrue(value(docs[14], "result", "revision") is NSNull, "nothing to publish")
        XCTAssertFalse(result.output.contains("s3cret"))
    }

    func testAnErrorIsADocumentWithItsPlace() throws {
        let dashell = try Dashell()
        let script = try dashell.write("bad.dash", "status\n\n  set \(P.port) 70000\nstatus\n")
        let result = try dashell.run(["--json", script])
        XCTAssertEqual(result.status, 1)
        let docs = try documents(result)
        XCTAssertEqual(docs.count, 2)
        XCTAssertEqual(docs[1]["ok"] as? Bool, false)
        let error = try XCTUnwrap(docs[1]["error"] as? [String: Any])
        XCTAssertEqual(error["file"] as? String, "bad.dash")
        XCTAssertEqual(error["line"] as? Int, 3)
        XCTAssertEqual(error["column"] as? Int, 73)
        XCTAssertEqual(error["code"] as? Int, 1)
        XCTAssertEqual(error["name"] as? String, "command-failed")
        XCTAssertTrue((error["message"] as? String)?.contains("out of range") == true)
        XCTAssertTrue(result.errors.contains("bad.dash:3:73: error:"), "human diagnostics still go to stderr")
    }

    func testValidationErrorDocumentListsViolations() throws {
        let dashell = try Dashell()
        let result = try dashell.run(["--json", "-c", "set \(P.methods) method m type oath; publish"])
        XCTAssertEqual(result.status, 3)
        let docs = try documents(result)
        let error = try XCTUnwrap(docs.last?["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? Int, 3)
        XCTAssertEqual(error["file"] as? String, "<command-line>")
        XCTAssertEqual(error["line"] as? Int, 1)
        XCTAssertEqual(error["column"] as? Int, 62)
        let details = try XCTUnwrap(error["details"] as? [String])
        XCTAssertTrue(details.contains { $0.hasPrefix("\(P.methods) method m display-name: ") }, "\(details)")
    }

    func testCheckPrintsItsDiffAsADocument() throws {
        let dashell = try Dashell()
        let script = try dashell.write("c.dash", "set \(P.port) 8443\npublish\n")
        let result = try dashell.run(["--json", "check", script])
        XCTAssertEqual(result.status, 0, result.errors)
        let docs = try documents(result)
        XCTAssertEqual(docs.count, 3)
        let check = docs[2]
        let changes = try XCTUnwrap(check["result"] as? [[String: Any]])
        XCTAssertEqual(changes.first?["path"] as? String, P.port)
        XCTAssertEqual(changes.first?["new"] as? String, "8443")
    }

    func testShowOfAWholeConfigurationIsOneLine() throws {
        let dashell = try Dashell()
        try dashell.ok("set \(P.users) user \"a;b\" display-name \"Line one\\nline two\"; set \(P.port) 8443; publish")
        let result = try dashell.run(["--json", "-c", "show; show published \(P.users); show revision 0"])
        XCTAssertEqual(result.status, 0, result.errors)
        let docs = try documents(result)
        XCTAssertEqual(docs.count, 3)
        XCTAssertEqual(value(docs[0]["result"], "manage-system", "distribution-services", "global-settings", "external-port") as? Int, 8443)
        XCTAssertEqual(value(docs[1]["result"], "manage-accounts-and-storage", "user-accounts", "user", "a;b", "display-name") as? String, "Line one\nline two")
        XCTAssertEqual((docs[2]["result"] as? [String: Any])?.count, 0)
    }
}
