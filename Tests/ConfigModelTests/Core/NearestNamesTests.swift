import ConfigModel
import Testing

/// "Did you mean": which names count as a slip away from a word, and in what order.
struct NearestNamesTests {
    @Test func aSlipIsALetterAddedDroppedChangedOrTwoSwapped() {
        let names = ["publish", "show", "status"]
        #expect(NearestNames.nearest(to: "pubish", among: names) == ["publish"])
        #expect(NearestNames.nearest(to: "pubblish", among: names) == ["publish"])
        #expect(NearestNames.nearest(to: "publixh", among: names) == ["publish"])
        #expect(NearestNames.nearest(to: "shwo", among: names) == ["show"])
        #expect(NearestNames.nearest(to: "SHWO", among: names) == ["show"])
    }

    @Test func aShortWordAllowsOneSlipALongerOneMore() {
        #expect(NearestNames.nearest(to: "sxyw", among: ["show"]).isEmpty)
        #expect(NearestNames.nearest(to: "mangae-sytem", among: ["manage-system", "manage-accounts-and-storage"]) == ["manage-system"])
    }

    @Test func nearestComeFirstThenTheGivenOrderAtMostThree() {
        #expect(NearestNames.nearest(to: "cs", among: ["ls", "cd", "cds"]) == ["ls", "cd", "cds"])
        #expect(NearestNames.nearest(to: "cd", among: ["cds", "cd"]) == ["cd", "cds"])
        #expect(NearestNames.nearest(to: "ab", among: ["aa", "ac", "ad", "ae"]) == ["aa", "ac", "ad"])
    }

    @Test func theHintOffersTheNearestOrElseEveryName() {
        #expect(NearestNames.hint(for: "shwo", among: ["show", "set"]) == "did you mean show?")
        #expect(NearestNames.hint(for: "cs", among: ["cd", "ls", "cds"]) == "did you mean cd, ls or cds?")
        #expect(NearestNames.hint(for: "bogus", among: ["show", "set"]) == "expected one of: show, set")
        #expect(NearestNames.hint(for: "", among: ["show", "set"]) == "expected one of: show, set")
    }

    @Test func aHugeWordIsTurnedAwayUnread() {
        #expect(NearestNames.nearest(to: String(repeating: "x", count: 1_000_000), among: ["show"]).isEmpty)
    }
}
