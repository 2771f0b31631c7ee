import ConfigStore
import DigitalAccess
import Testing

@testable import ShellCore

/// `status` says who else is editing, as Junos's does: each other user whose candidate in
/// the store holds edits, on which revision, how much, and when they last changed it.
struct StatusTests {
    @Test func statusListsTheOtherUsersCandidates() throws {
        let store = RevisionedStore(storage: MemoryStorage(), schema: DigitalAccessSchema.root, rules: [])
        let carol = try Session(store: store, mode: .interactive, options: .init(user: "carol"), console: CapturingConsole(), source: "interactive")
        try carol.execute(line: "set manage-accounts-and-storage user-accounts user u1 email u1@example.com")
        try carol.execute(line: "set manage-accounts-and-storage user-accounts user u2 email u2@example.com")
        let console = CapturingConsole()
        let dave = try Session(store: store, mode: .interactive, options: .init(user: "dave"), console: console, source: "interactive")
        try dave.execute(line: "status")
        #expect(console.output.dropFirst(3).first == "other candidates")
        #expect(console.output.dropFirst(4).first == "  carol  base 0  2 entries edited")
        try carol.execute(line: "discard")
        let after = CapturingConsole()
        let again = try Session(store: store, mode: .interactive, options: .init(user: "dave"), console: after, source: "interactive")
        try again.execute(line: "status")
        #expect(after.output.count == 3, "nobody else is editing: \(after.output)")
    }
}
