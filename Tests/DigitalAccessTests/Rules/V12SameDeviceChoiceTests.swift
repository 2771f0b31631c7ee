import DigitalAccess
import XCTest

@testable import ConfigModel

final class V12SameDeviceChoiceTests: XCTestCase {
    func testOnlySameDeviceMethodsIsAWarning() throws {
        var tree = Seed.tree
        tree.delete(Seed.otherDevice)
        let found = try tree.violations()
        XCTAssertEqual(found.map { [$0.rule, $0.severity.rawValue] }, [["V12", "warning"]])
        XCTAssertEqual(found.first?.path, path(Seed.methods))
        XCTAssertTrue(found[0].message.contains("to offer both options, add a second method"))
        XCTAssertTrue(found[0].message.contains("mobile-same"))
    }

    func testOnlyAnotherDeviceMethodsIsAWarning() throws {
        var candidate = Seed.tree
        candidate.delete(Seed.sameDevice)
        let found = try candidate.violations(since: Seed.tree)
        XCTAssertEqual(found.map(\.rule), ["V12"])
        XCTAssertTrue(found[0].message.contains("to offer both options, add a second method with same-device true"))
    }

    func testUnrelatedChangeDoesNotRepeatTheWarning() throws {
        var published = Seed.tree
        published.delete(Seed.otherDevice)
        var candidate = published
        candidate.set(Seed.alice + ["display-name", "Alice B. Example"])
        XCTAssertEqual(try candidate.violations(since: published), [])
    }

    func testBothOptionsPass() throws {
        XCTAssertEqual(try Seed.tree.violations(of: V12SameDeviceChoice()), [])
    }
}
