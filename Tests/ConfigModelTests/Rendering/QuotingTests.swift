import XCTest

@testable import ConfigModel

final class QuotingTests: XCTestCase {
    func testPlainWordsStayBare() {
        for word in ["m1", "da.example.com", "b@example.com", "personal-mobile", "443", "a=b,c%d+e:f*"] {
            XCTAssertEqual(Quoting.word(word), word)
        }
    }

    func testSpecialCharactersAreQuoted() {
        for word in ["a b", "a;b", "a|b", "a?", "it's", "#x", "a#b", "$x", "a\\b", "a\nb", "é", "", "/x", "a\tb", "{x}"] {
            XCTAssertTrue(Quoting.word(word).hasPrefix("\""), "\(word) should be quoted")
        }
    }

    func testEscapes() {
        XCTAssertEqual(Quoting.word("say \"hi\" \\ $HOME\n"), #""say \"hi\" \\ \$HOME\n""#)
    }

    func testEveryAwkwardValueReadsBackAsOneWord() throws {
        for value in RenderingFixtures.awkwardValues {
            XCTAssertEqual(try CommandWords.split("set x " + Quoting.word(value)), ["set", "x", value])
        }
    }
}
