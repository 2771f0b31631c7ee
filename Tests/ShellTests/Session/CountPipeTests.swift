import ConfigModel
import ConfigStore
import DigitalAccess
import Testing

@testable import ShellCore

/// `show … | count` counts the lines the rendering would make without making them: whatever
/// the path, the format and the data, it must say exactly how many lines `show` prints.
struct CountPipeTests {
    private static let formats = ["", " | display tree", " | display set", " | display json"]

    @Test func countsTheLinesShowPrints() throws {
        var generator = SplitMix64(seed: 0xC0_0471)
        for _ in 0..<12 {
            let session = try randomSession(&generator)
            for path in try paths(in: session) {
                for view in ["", "published "] {
                    for format in Self.formats {
                        let show = "show \(view)\(path)\(format)"
                        let printed = output(of: show + " | no-more", in: session)
                        let counted = output(of: show + " | count", in: session)
                        #expect(counted == printed.map { ["Count: \($0.count) lines"] }, "\(show)")
                    }
                }
            }
        }
    }

    @Test func countsWhatAMatchKeeps() throws {
        var generator = SplitMix64(seed: 0x3A7C4)
        for _ in 0..<4 {
            let session = try randomSession(&generator)
            for format in Self.formats {
                let show = "show\(format) | match \"user|value\""
                let printed = output(of: show, in: session)
                #expect(output(of: show + " | count", in: session) == printed.map { ["Count: \($0.count) lines"] }, "\(show)")
            }
        }
    }

    /// The lines a command prints, or nil when it fails.
    private func output(of line: String, in session: Session) -> [String]? {
        let console = session.console as! CapturingConsole
        let before = console.output.count
        do { try session.execute(line: line) } catch { return nil }
        return Array(console.output[before...])
    }

    /// Paths to show: the whole, containers, whole lists, entries, a container inside an
    /// entry, single leaves (a secret among them), and entries only one of the views holds.
    private func paths(in session: Session) throws -> [String] {
        var paths = [
            "", "manage-system", "manage-system notification-channels", "manage-system notification-channels email password",
            "manage-system authentication-methods method", "manage-accounts-and-storage user-accounts",
            "manage-accounts-and-storage user-accounts user",
        ]
        let methods = ConfigPath(schemaWords: ["manage-system", "authentication-methods", "method"])
        for method in try session.candidate.entries(of: methods).prefix(2) {
            let entry = "manage-system authentication-methods method \(ConfigModelQuoting.word(method.key))"
            paths += [entry, entry + " extended-property", entry + " display-name"]
        }
        let users = ConfigPath(schemaWords: ["manage-accounts-and-storage", "user-accounts", "user"])
        for user in try session.candidate.entries(of: users).prefix(3) {
            let entry = "manage-accounts-and-storage user-accounts user \(ConfigModelQuoting.word(user.key))"
            paths += [entry, entry + " portwise-authentication", entry + " email"]
        }
        return paths
    }

    /// A store with random users, methods, authorities and channel settings published, and
    /// a candidate that changes, adds and deletes some of them. Values include the awkward
    /// ones that quoting and JSON escaping change; some entries have nothing set.
    private func randomSession(_ generator: inout SplitMix64) throws -> Session {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: [])
        let session = try Session(store: store, mode: .script, options: Session.Options(user: "t"), console: CapturingConsole(), source: "test")
        for line in randomSetLines(&generator) { try session.execute(line: line) }
        try session.execute(line: "publish")
        for line in randomSetLines(&generator) { try session.execute(line: line) }
        for _ in 0..<3 {
            let user = randomWord(&generator)
            try? session.execute(line: "delete manage-accounts-and-storage user-accounts user \(user)")
        }
        return session
    }

    private func randomSetLines(_ generator: inout SplitMix64) -> [String] {
        let values = ["plain", "two words", "say \"hi\"", "#hash", "Åsa Ödén", "back\\slash", "", "x;y|z", "1234"]
        func value() -> String { ConfigModelQuoting.word(values.randomElement(using: &generator)!) }
        var lines: [String] = []
        let user = "set manage-accounts-and-storage user-accounts user"
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            let id = "\(user) \(randomWord(&generator))"
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: lines.append(id)
            case 1: lines += ["\(id) display-name \(value())", "\(id) email u@example.com"]
            case 2: lines.append("\(id) portwise-authentication notification sms")
            default: lines += ["\(id) cell-phone \(value())", "\(id) portwise-authentication enable-personal true"]
            }
        }
        let method = "set manage-system authentication-methods method"
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            let name = "\(method) m\(Int.random(in: 0..<5, using: &generator))"
            let type = DigitalAccessSchema.methodTypes.randomElement(using: &generator)!.word
            lines += ["\(name) type \(type)", "\(name) display-name \(value())"]
            let property = "\(name) extended-property \(ConfigModelQuoting.word(["User Attribute", "p", "#x"].randomElement(using: &generator)!))"
            lines.append(Bool.random(using: &generator) ? property : "\(property) value \(value())")
        }
        if Bool.random(using: &generator) { lines.append("set manage-system notification-channels email password \"s3cret pw\"") }
        if Bool.random(using: &generator) { lines.append("set manage-system notification-channels email enabled true") }
        if Bool.random(using: &generator) { lines.append("set manage-system certificates certificate-authority \"CA one\" subject \(value())") }
        return lines.shuffled(using: &generator)
    }

    private func randomWord(_ generator: inout SplitMix64) -> String {
        ConfigModelQuoting.word(["a", "b", "B", "é", "a;b", "q\"x", "u1", "u10", "u2", "#h"].randomElement(using: &generator)!)
    }
}
