import ConfigModel
import DigitalAccess
import ShellCore
import Testing

/// A lexer given the schema hands out its long keywords instead of copies; the words must be
/// the same either way.
@Suite struct KnownWordsTests {
    private static let line =
        "set manage-accounts-and-storage user-accounts user \"manage-accounts-and-storage\" "
        + "portwise-authentication create-new-profile true; cd authentication-services"

    @Test func sharingKeywordsLexesTheSameWords() throws {
        let plain = Lexer(variables: { _ in nil })
        let sharing = Lexer(keywordsOf: DigitalAccessSchema.root, variables: { _ in nil })
        #expect(try sharing.lex(Self.line) == plain.lex(Self.line))
        #expect(sharing.lexPartial(Self.line) == plain.lexPartial(Self.line))
    }
}
