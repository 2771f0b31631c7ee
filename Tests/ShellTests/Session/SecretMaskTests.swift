import ConfigModel
import ConfigStore
import DigitalAccess
import Foundation
import XCTest

@testable import ShellCore

/// The history keeps a line that set a secret with the secret masked. Recalling that line and
/// running it must not make the mask the password.
final class SecretMaskTests: XCTestCase {
    private let password = "manage-system notification-channels email password"

    func testARecalledLineHoldingTheMaskIsRefusedAndTheSecretKept() throws {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all)
        let session = try Session(
            store: store, mode: .interactive, options: Session.Options(user: "alice"), console: CapturingConsole(),
            source: "interactive")
        let typed = "set \(password) s3cret"
        try session.execute(line: typed)
        let recalled = try XCTUnwrap(SecretMasking(session: session).maskedLine(typed))
        XCTAssertEqual(recalled, "set \(password) ********")
        XCTAssertThrowsError(try session.execute(line: recalled)) { error in
            let failure = CommandError.from(error)
            XCTAssertEqual(failure.code, .commandFailed)
            XCTAssertTrue(failure.message.contains("******** is the mask shown in place of a secret"), failure.message)
        }
        let path = ConfigPath(schemaWords: password.split(separator: " ").map(String.init))
        XCTAssertEqual(try session.candidate.value(at: path), "s3cret")
    }
}
