import ConfigModel
import ConfigStore
import DigitalAccess
import Foundation
import Testing

@testable import ShellCore

/// A script's commands are prepared before they run, on the lexing thread or by the runner:
/// what is prepared must be exactly what the command would work out itself, used only where
/// it still holds, and a script must end the same with or without it.
struct PreparedCommandTests {
    private static let resolver = PathResolver()
    private static let user = "manage-accounts-and-storage user-accounts user"

    private static func prepare(_ line: String) throws -> PreparedCommand? {
        let commands = try Lexer { _ in nil }.lex(line, firstLine: 1)
        return PreparedCommand(try #require(commands.first), resolver: resolver)
    }

    @Test func aSetOfALeafIsPreparedAsTheCommandWouldResolveIt() throws {
        let line = "set \(Self.user) u1 email u1@example.com"
        let prepared = try #require(try Self.prepare(line))
        #expect(prepared.spec.name == "set")
        let resolution = try #require(prepared.resolution(at: .root))
        let resolved = try Self.resolver.resolve(line.split(separator: " ").dropFirst().map(String.init), from: .root)
        #expect(resolution.path == resolved.path)
        #expect(resolution.wordsUsed == 5)
        let leaf = try #require(prepared.leafToSet(at: .root))
        let entry = ConfigPath(schemaWords: Self.user.split(separator: " ").map(String.init) + ["u1"])
        #expect(leaf.location.key == RecordKey(entry))
        #expect(leaf.location.leaf == "email")
        #expect(leaf.location.record == entry)
        #expect(leaf.value == "u1@example.com")
    }

    @Test func aBooleanWithoutValueIsPreparedAsTrueAndValuesAreCanonical() throws {
        let bare = try #require(try Self.prepare("set \(Self.user) u1 portwise-authentication enable-personal")?.leafToSet(at: .root))
        #expect(bare.value == "true")
        #expect(bare.location.leaf == "portwise-authentication enable-personal")
        let spelled = try #require(try Self.prepare("set \(Self.user) u1 portwise-authentication enable-personal yes")?.leafToSet(at: .root))
        #expect(spelled.value == "true")
    }

    @Test func whatWouldFailIsLeftForTheCommandToReport() throws {
        // A prefix of a command's name is left to the runner, which matches (or refuses) it.
        #expect(try Self.prepare("se \(Self.user) u1 email a@example.com") == nil)
        // A path that does not resolve, a value that is not valid, a value too many.
        #expect(try Self.prepare("set \(Self.user)x u1 email a@example.com")?.resolution(at: .root) == nil)
        #expect(try Self.prepare("set manage-system distribution-services global-settings external-port 99999")?.leafToSet(at: .root) == nil)
        #expect(try Self.prepare("set \(Self.user) u1 email a@example.com b@example.com")?.leafToSet(at: .root) == nil)
        #expect(try Self.prepare("set manage-system notification-channels email password ********")?.leafToSet(at: .root) == nil)
        // Not a leaf: the path is kept, there is no leaf to set.
        let entry = try #require(try Self.prepare("set \(Self.user) u1"))
        #expect(entry.resolution(at: .root) != nil)
        #expect(entry.leafToSet(at: .root) == nil)
        // Only `set` and `delete` resolve a path ahead; `delete` never has a leaf to set.
        #expect(try Self.prepare("show \(Self.user) u1")?.resolution(at: .root) == nil)
        let delete = try #require(try Self.prepare("delete \(Self.user) u1 email"))
        #expect(delete.resolution(at: .root)?.wordsUsed == 5)
        #expect(delete.leafToSet(at: .root) == nil)
    }

    @Test func aPathFromTheTopHoldsOnlyAtTheTopUnlessItStartsWithASlash() throws {
        let relative = try #require(try Self.prepare("set \(Self.user) u1 email a@example.com"))
        let absolute = try #require(try Self.prepare("set /\(Self.user) u1 email a@example.com"))
        let elsewhere = ConfigPath(schemaWords: ["manage-system"])
        #expect(relative.leafToSet(at: .root) != nil)
        #expect(relative.leafToSet(at: elsewhere) == nil)
        #expect(relative.resolution(at: elsewhere) == nil)
        #expect(absolute.leafToSet(at: elsewhere)?.location.key == relative.leafToSet(at: .root)?.location.key)
        #expect(absolute.resolution(at: elsewhere)?.path == relative.resolution(at: .root)?.path)
        // The runner, which knows where a command will run, does not resolve what cannot hold there.
        let command = try #require(try Lexer { _ in nil }.lex("set \(Self.user) u1 email a@example.com").first)
        let preparedElsewhere = try #require(PreparedCommand(command, resolver: Self.resolver, at: elsewhere))
        #expect(preparedElsewhere.spec.name == "set")
        #expect(preparedElsewhere.resolution(at: .root) == nil)
    }

    /// A script long enough to be lexed (and maybe prepared) on the second thread, moving
    /// about with `edit`, `up` and `top`, ends with the same candidate as its lines typed one
    /// by one, which nothing prepares.
    @Test func aScriptEndsTheSameAsItsLinesRunOneByOne() throws {
        let lines = longScriptLines(over: 50_000) { index in
            switch index % 100 {
            case 10: "edit \(Self.user) u\(index - 1)"
            case 11: "set display-name \"Moved \(index)\""
            case 12: "set /\(Self.user) u\(index) email top\(index)@example.com"
            case 13: "up"
            case 14: "set user u\(index) cell-phone +4670\(index)"
            case 15: "top"
            case 16: "delete \(Self.user) u\(index - 10) email"
            default: "set \(Self.user) u\(index) email u\(index)@example.com"
            }
        }
        let script = try Self.session()
        try ScriptRunner(session: script, name: "long.dash").run(lines.joined(separator: "\n"))
        let typed = try Self.session()
        for line in lines { try typed.execute(line: line) }
        #expect(script.location == typed.location)
        #expect(try Self.rendered(script.candidate) == Self.rendered(typed.candidate))
    }

    private static func session() throws -> Session {
        try Session(
            store: RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: DigitalAccessRules.all), mode: .script,
            options: .init(user: "t"), console: CapturingConsole(), source: "-c")
    }

    private static func rendered(_ config: some ConfigReader) throws -> [String] {
        var lines: [String] = []
        try SetRenderer(includeSecrets: true).render(config) { lines.append($0) }
        return lines
    }
}
