import ConfigModel
import DigitalAccess
import XCTest

@testable import ShellCore

final class DiffColorsTests: XCTestCase {
    func testColour() throws {
        let email = RecordKey(ConfigPath(schemaWords: ["manage-system", "notification-channels", "email"]))
        let change = RecordChange(key: email, old: Record(["enabled": "true", "port": "25"]), new: Record(["enabled": "false", "port": "25"]))
        var lines: [String] = []
        try DiffRenderer(schema: DigitalAccessSchema.root).render([change], to: DiffColors.emitting(to: { lines.append($0) }, colored: true))
        XCTAssertEqual(
            lines,
            [
                "  manage-system notification-channels email",
                "\u{1B}[31m-   enabled true\u{1B}[0m",
                "\u{1B}[32m+   enabled false\u{1B}[0m",
            ])
    }
}
