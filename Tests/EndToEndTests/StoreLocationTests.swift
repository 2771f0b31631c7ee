import Foundation
import XCTest

/// SPEC §2: a mistyped `--store` must not become a new, empty store that a script then
/// publishes into. Only the default location's directories are created implicitly; elsewhere
/// `dashell store init` creates them; a new store file is always announced.
final class StoreLocationTests: XCTestCase {
    func testStoreInAMissingDirectoryIsExit5AndCreatesNothing() throws {
        let dashell = try Dashell()
        let missing = dashell.directory + "/mistyped"
        let store = missing + "/store.sqlite"
        for arguments in [["-c", "status"], ["export"], ["check", "none.dash"]] {
            let result = try dashell.run(["--store", store] + arguments, withStore: false)
            XCTAssertEqual(result.status, 5, "\(arguments): \(result.errors)")
            XCTAssertTrue(
                result.errors.contains("no such directory \(missing); create it, or run `dashell --store \(store) store init`"),
                result.errors)
            XCTAssertEqual(result.output, "")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "nothing created")
    }

    func testANewStoreFileIsAnnouncedOnce() throws {
        let dashell = try Dashell(existingStore: false)
        let first = try dashell.run("-c", "status")
        XCTAssertEqual(first.status, 0, first.errors)
        XCTAssertTrue(first.errors.contains("dashell: created a new store at \(dashell.store)\n"), first.errors)
        XCTAssertEqual(try mode(dashell.store), 0o600)
        let second = try dashell.run("-c", "status")
        XCTAssertEqual(second.status, 0, second.errors)
        XCTAssertFalse(second.errors.contains("created"), second.errors)
    }

    func testStoreInitCreatesDirectoriesAndFileAndIsHarmlessOnAnExistingStore() throws {
        let dashell = try Dashell()
        let store = dashell.directory + "/new/deeper/store.sqlite"
        let created = try dashell.run(["--store", store, "store", "init"], withStore: false)
        XCTAssertEqual(created.status, 0, created.errors)
        XCTAssertTrue(created.errors.contains("dashell: created a new store at \(store)\n"), created.errors)
        XCTAssertEqual(try mode(store), 0o600)
        XCTAssertEqual(try mode(dashell.directory + "/new/deeper"), 0o700)
        XCTAssertEqual(try mode(dashell.directory + "/new"), 0o700)
        // The store is ready: a script publishes into it without another notice.
        let published = try dashell.run(["--store", store, "-c", "set \(P.port) 8443; publish"], withStore: false)
        XCTAssertEqual(published.status, 0, published.errors)
        XCTAssertFalse(published.errors.contains("created"), published.errors)
        // Again, with the options after the subcommand: it says so and changes nothing.
        let again = try dashell.run(["store", "init", "--store", store], withStore: false)
        XCTAssertEqual(again.status, 0, again.errors)
        XCTAssertTrue(again.errors.contains("dashell: a store already exists at \(store); left as it is"), again.errors)
        let status = try dashell.run(["--store", store, "-c", "status"], withStore: false)
        XCTAssertNotNil(status.output.range(of: #"base revision +1\n"#, options: .regularExpression), status.output)
    }

    func testStoreWithoutInitIsUsage() throws {
        let dashell = try Dashell(existingStore: false)
        let result = try dashell.run(["store"])
        XCTAssertEqual(result.status, 2, result.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dashell.store), "nothing created")
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
    }
}
