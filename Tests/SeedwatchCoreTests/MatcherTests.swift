import Testing
@testable import SeedwatchCore

/// DESIGN §5 rules on a small test model (the shipped model is tested in ModelTests).
@Suite("Matcher (DESIGN §5)")
struct MatcherTests {
    static let model = WatchModel(
        watch: "test", version: "000000000000",
        actors: [
            Actor(id: "kim_jong_un", name: "Kim Jong Un", kind: .person, affiliation: "north_korea",
                  aliases: [Alias("Kim Jong Un"), Alias("김정은"), Alias("金正恩"), Alias("Mr Kim", weak: true),
                            Alias("Kim", caseSensitive: true, weak: true)]),
            Actor(id: "xi_jinping", name: "Xi Jinping", kind: .person, affiliation: "china",
                  aliases: [Alias("Xi Jinping"), Alias("President Xi"), Alias("Xi", caseSensitive: true, weak: true), Alias("习近平")]),
            Actor(id: "vladimir_putin", name: "Vladimir Putin", kind: .person, affiliation: "russia",
                  aliases: [Alias("Putin"), Alias("Путин")]),
            Actor(id: "north_korea", name: "North Korea", kind: .state, aliases: [Alias("North Korea"), Alias("Pyongyang"), Alias("平壤")]),
            Actor(id: "south_korea", name: "South Korea", kind: .state, aliases: [Alias("South Korea")]),
            Actor(id: "korea", name: "Korea", kind: .state, aliases: [Alias("Korea")]),
            Actor(id: "china", name: "China", kind: .state, aliases: [Alias("China"), Alias("Beijing"), Alias("北京")]),
            Actor(id: "russia", name: "Russia", kind: .state, aliases: [Alias("Russia")]),
        ],
        exclusions: [Exclusion("Xi'an"), Exclusion("Kim Kardashian")],
        topics: [Topic(id: "sanctions", name: "Sanctions", terms: [TopicTerm("sanctions"), TopicTerm("UN sanctions", weight: 2)])],
        rules: ScoringRules())

    let matcher = Matcher(model: MatcherTests.model)

    private func ids(_ text: String) -> Set<String> {
        matcher.match(text: text, hasTitle: false).actorIDs(in: Self.model)
    }

    @Test func hyphenAndSpaceAreInterchangeableInsideAliases() {
        #expect(ids("Kim Jong Un spoke") == ["kim_jong_un"])
        #expect(ids("Kim Jong-un spoke") == ["kim_jong_un"])
        #expect(ids("Kim Jong\u{2011}Un spoke") == ["kim_jong_un"])
        #expect(ids("KIM JONG-UN spoke") == ["kim_jong_un"])
    }

    @Test func wholeWordsOnlyAndPossessivesCount() {
        #expect(ids("Putin's plan") == ["vladimir_putin"])
        #expect(ids("Putin\u{2019}s plan") == ["vladimir_putin"])
        #expect(ids("Putinism and Rasputin") == [])
        #expect(ids("Фильм о Распутине") == [])
        #expect(ids("Путин прибыл") == ["vladimir_putin"])
    }

    @Test func hanNeedsNoBoundaryAndHangulOnlyOnTheLeft() {
        #expect(ids("习近平在北京会见金正恩。") == ["xi_jinping", "china", "kim_jong_un"])
        #expect(ids("2026年平壤阅兵") == ["north_korea"])
        #expect(ids("김정은이 말했다") == ["kim_jong_un"])
        #expect(ids("박김정은") == [])
        #expect(ids("Talks with Xi在北京") == ["xi_jinping", "china"])
    }

    @Test func longestOverlapWins() {
        #expect(ids("South Korea said") == ["south_korea"])
        #expect(ids("Korea said") == ["korea"])
        #expect(ids("Flights from Xi\u{2019}an to Beijing") == ["china"])
        #expect(ids("Kim Kardashian visited") == [])
    }

    @Test func weakAliasesNeedAStrongMatchOfTheActorOrItsState() {
        #expect(ids("Mr Kim and President Xi met in Beijing.") == ["xi_jinping", "china"])
        #expect(ids("Mr Kim went to Pyongyang.") == ["kim_jong_un", "north_korea"])
        #expect(ids("KIM spoke") == [])
        #expect(ids("XI spoke in China") == ["china"])
    }

    @Test func evidenceOffsetsAreUTF8OffsetsOfTheOriginalText() {
        let text = "Headline\nThe \u{201C}envoy\u{201D} of Putin\u{2019}s team. Then UN sanctions followed."
        let result = matcher.match(text: text, hasTitle: true)
        let bytes = Array(text.utf8)
        let putin = try! #require(result.mentions.first)
        #expect(String(decoding: bytes[putin.range], as: UTF8.self) == "Putin")
        #expect(result.sentences.count == 3)
        #expect(result.sentences[0].isTitle)
        #expect(result.sentenceText(putin.sentence) == "The \u{201C}envoy\u{201D} of Putin\u{2019}s team.")
        let term = try! #require(result.termHits.first)
        #expect(String(decoding: bytes[term.range], as: UTF8.self) == "UN sanctions")
        #expect(result.sentenceText(term.sentence) == "Then UN sanctions followed.")
    }
}

@Suite("Sentence splitter")
struct SentenceSplitterTests {
    private func sentences(_ s: String) -> [String] {
        let bytes = Array(s.utf8)
        return SentenceSplitter.split(s).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func splitsOnTerminatorsButNotAbbreviations() {
        #expect(sentences("Mr. Putin met Mr Kim. They talked in the U.S. Embassy! Did it work? Yes.\nNew block")
            == ["Mr. Putin met Mr Kim.", "They talked in the U.S. Embassy!", "Did it work?", "Yes.", "New block"])
        #expect(sentences("He said \"no.\" Then left.") == ["He said \"no.\"", "Then left."])
        #expect(sentences("平壤阅兵。北京会见") == ["平壤阅兵。", "北京会见"])
    }

    @Test func abbreviationsAndInitialsAreReadFromTheBytes() {
        #expect(sentences("Talks with J. Smith ended. Gen. Kim came, etc. Then Prof. Lee left. In Jan. 5 people. He met Kim. Then APPROX. Ten.")
            == ["Talks with J. Smith ended.", "Gen. Kim came, etc. Then Prof. Lee left.", "In Jan. 5 people.", "He met Kim.", "Then APPROX. Ten."])
        #expect(sentences("It ended at 5 a.m. Then Vladivostok. Next") == ["It ended at 5 a.m. Then Vladivostok.", "Next"])
        #expect(SentenceSplitter.split("Ask the U.N. Security Council. Now") == [0..<30, 31..<34])
    }
}
