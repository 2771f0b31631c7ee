import XCTest

@testable import ShellInteractive

/// The prompt names the store, so that test and production look different.
final class StoreNameTests: XCTestCase {
    func testAFileIsNamedWithoutItsExtension() {
        XCTAssertEqual(StoreName.of("/home/alice/.local/share/dashell/store.sqlite"), "store")
        XCTAssertEqual(StoreName.of("prod.db"), "prod")
        XCTAssertEqual(StoreName.of("/srv/dashell/staging"), "staging")
    }

    func testAServerIsNamedByHostAndDatabase() {
        XCTAssertEqual(StoreName.of("postgresql://alice@db.example.com:5433/dashell?sslmode=require"), "db.example.com/dashell")
        XCTAssertEqual(StoreName.of("postgresql:///dashell?host=/run/postgresql"), "local/dashell")
        XCTAssertEqual(StoreName.of("postgres://db.internal/prod"), "db.internal/prod")
        XCTAssertEqual(StoreName.of("postgresql:///x?host=db2.example.com&dbname=other"), "db2.example.com/other")
    }
}
