import Foundation
import SeedwatchCore
import Testing

/// Texts written for these tests (not corpus text): one event told by a wire, its LEAD versions,
/// a syndicated copy, another outlet, and a different launch a week later.
enum StoryTexts {
    static let wireTitle = "North Korea fires ballistic missile over northern Japan"
    static let wireBody = """
        North Korea fired a ballistic missile over northern Japan on Tuesday, prompting warnings for residents \
        of Hokkaido to take cover, Japanese officials said. The missile flew for about 15 minutes and landed in \
        the Pacific Ocean some 1,180 kilometres east of Cape Erimo. Prime Minister Fumio Kishida called the launch \
        an outrageous act. South Korea's Joint Chiefs of Staff said the missile was launched from Sunan near \
        Pyongyang. China urged restraint from all sides, while Russia said it was monitoring the situation closely.
        """
    static let leadParagraph = """
        Washington condemned the launch and said it would consult its allies in Seoul and Tokyo about a response \
        at the United Nations Security Council.
        """
    static let secondLeadParagraph = """
        The launch was the first over Japanese territory since October, according to Tokyo's defence ministry.
        """
    static let syndicatedTitle = "Pyongyang missile overflies Hokkaido as residents told to shelter"
    static let boilerplate = """
        Copyright 2026 The Daily Bugle. All rights reserved. Sign up for our morning newsletter and follow us on \
        social media for the latest headlines.
        """
    static let otherOutletTitle = "Hokkaido residents take shelter as North Korean missile crosses Japan"
    static let otherOutletBody = """
        Residents of Hokkaido were told to take shelter early on Tuesday after a North Korean ballistic missile \
        crossed Japanese airspace. The missile, fired from Sunan near Pyongyang, came down in the Pacific east of \
        Cape Erimo after a flight of roughly 15 minutes, Tokyo said. Kishida denounced the launch as outrageous; \
        Beijing called for restraint and Moscow said it was watching closely.
        """
    static let laterTitle = "North Korea fires two short-range missiles into the sea"
    static let laterBody = """
        North Korea fired two short-range ballistic missiles into the sea off its east coast on Wednesday, South \
        Korea's military said, days after Seoul and Washington ended joint drills. The missiles flew about 350 \
        kilometres from Wonsan before falling outside Japan's exclusive economic zone. Japan's coast guard warned \
        ships in the area. China and Russia blocked a statement at the Security Council.
        """

    static let tuesday = Date(timeIntervalSince1970: 1_790_920_800)   // 2026-10-01T06:00:00Z

    static func fingerprint(_ title: String, _ body: String, url: String? = nil, hoursLater: Double = 0,
                            actors: Set<String> = ["north-korea", "japan", "china", "russia"],
                            topics: Set<String> = ["missile-test"]) -> StoryFingerprint {
        StoryFingerprint(title: title, body: body, url: url, published: tuesday.addingTimeInterval(hoursLater * 3600),
                         seen: tuesday, actors: actors, topics: topics, leadWords: .commonOnly)
    }
}

@Suite struct StorySignatureTests {
    /// Single words held by at least the share of documents; phrases, malformed lines (no tab, a
    /// count that is not a number) and empty lines are skipped; the documents line may come anywhere.
    @Test func commonWordsOfABackgroundTable() {
        let table = "the\t50\nkim jong\t90\nrare\t4\nsaid\t+5\n\nnotab 70\nbad\t7x\nminus\t-9\n#documents\t100\nlast\t5"
        #expect(ContentWords.commonWords(inBackgroundTable: table, share: 0.05) == ["the", "said", "last"])
        #expect(ContentWords.commonWords(inBackgroundTable: "the\t50\n", share: 0.05) == [])
    }

    @Test func contentWordsAreFoldedAndSplitAtApostrophesAndHyphens() {
        #expect(ContentWords.words(of: "Kim Jong-un’s VISIT to Beijing, 2026") == ["kim", "jong", "un", "visit", "to", "beijing", "2026"])
        // Common words of ordinary news go; the words that say what happened stay.
        #expect(ContentWords.commonWords.contains("said"))
        #expect(ContentWords.commonWords.contains("the"))
        #expect(!ContentWords.commonWords.contains("missile"))
        #expect(ContentWords.commonWords.count == 206)
        #expect(ContentWords.hashes(of: "The missile, the MISSILE") == [ContentWords.fnv1a("missile")])
    }

    @Test func fnv1aIsTheStandardHash() {
        // FNV-1a 64 test vectors (Fowler–Noll–Vo reference): "" and "a".
        #expect(ContentWords.fnv1a("") == 0xCBF2_9CE4_8422_2325)
        #expect(ContentWords.fnv1a("a") == 0xAF63_DC4C_8601_EC8C)
    }

    @Test func signatureIs192BytesAndRoundTrips() throws {
        let signature = MinHashSignature(text: StoryTexts.wireBody)
        #expect(signature.bytes.count == 192)
        let back = try #require(MinHashSignature(bytes: signature.bytes, wordCount: signature.wordCount))
        #expect(back == signature)
        #expect(MinHashSignature(bytes: [1, 2, 3], wordCount: 1) == nil)
        #expect(signature.jaccard(signature) == 1)
        #expect(signature.values.allSatisfy { $0 < 4096 })
        // A signature stored with 16 bits per minimum (before migration v11-story-compact) keeps its low 12 bits.
        let stored = signature.values.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8) | 0x50] }
        #expect(MinHashSignature(sixteenBitBytes: stored, wordCount: signature.wordCount) == signature)
        #expect(MinHashSignature(sixteenBitBytes: signature.bytes, wordCount: 1) == nil)
    }

    @Test func emptyTextHasNoBandsAndResemblesNothing() {
        let empty = MinHashSignature(text: "the said and")
        #expect(empty.isEmpty)
        #expect(empty.jaccard(empty) == 0)
        #expect(LSHBands.keys(empty) == [])
    }

    @Test func jaccardEstimateOfKnownSets() {
        // A = {1…100}, B = {51…150}: |A ∩ B| / |A ∪ B| = 50 / 150.
        let a = MinHashSignature(hashes: Set((1...100).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }))
        let b = MinHashSignature(hashes: Set((51...150).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }))
        let estimate = a.jaccard(b)
        #expect(abs(estimate - 1.0 / 3.0) < 0.1)   // 2.4 standard errors (0.042)
        #expect(a.wordCount == 100)
    }

    @Test func bandsAgreeForEqualSignaturesOnly() {
        let a = MinHashSignature(text: StoryTexts.wireBody)
        let b = MinHashSignature(text: StoryTexts.laterBody)
        #expect(LSHBands.keys(a).count == 16)
        #expect(LSHBands.keys(a) == LSHBands.keys(MinHashSignature(text: StoryTexts.wireBody)))
        #expect(Set(LSHBands.keys(a)).isDisjoint(with: LSHBands.keys(b)))
    }

    @Test func canonicalLinkDropsTrackingSchemeWWWAndTrailingSlash() {
        #expect(CanonicalLink.of("https://www.Example.com/world/kim-visit/?utm_source=rss&id=3&fbclid=x#top")
                == "example.com/world/kim-visit?id=3")
        #expect(CanonicalLink.of("http://example.com/world/kim-visit") == CanonicalLink.of("https://www.example.com/world/kim-visit/"))
        #expect(CanonicalLink.of("https://example.com/a?gclid=1") == "example.com/a")
        #expect(CanonicalLink.of("mailto:desk@example.com") == nil)
        #expect(CanonicalLink.of(nil) == nil)
    }
}

@Suite struct StoryRuleTests {
    typealias T = StoryTexts

    @Test func sameLinkWithTrackingParametersIsOneStory() {
        let a = T.fingerprint(T.wireTitle, T.wireBody, url: "https://news.example.com/nk-missile?utm_source=desk")
        let b = T.fingerprint(T.wireTitle, T.wireBody, url: "https://news.example.com/nk-missile?utm_source=world", hoursLater: 1)
        #expect(StoryRule.standard.relation(a, b) == .sameLink)
    }

    @Test func syndicatedCopyWithAnotherHeadlineAndBoilerplateIsANearDuplicate() {
        let wire = T.fingerprint(T.wireTitle, T.wireBody, url: "https://wire.example.com/1")
        let copy = T.fingerprint(T.syndicatedTitle, T.wireBody + "\n" + T.boilerplate, url: "https://bugle.example.net/2",
                                 hoursLater: 3)
        #expect(StoryRule.standard.relation(wire, copy) == .nearDuplicate)
    }

    @Test func leadChainOfThreeVersionsJoinsTheFirst() {
        let first = T.fingerprint(T.wireTitle, T.wireBody, url: "https://wire.example.com/1")
        let lead = T.fingerprint("(LEAD) " + T.wireTitle, T.wireBody + "\n" + T.leadParagraph,
                                 url: "https://wire.example.com/2", hoursLater: 1)
        let second = T.fingerprint("(2nd LD) N. Korea fires missile over Japan; U.S. condemns launch",
                                   T.leadParagraph + "\n" + T.wireBody + "\n" + T.secondLeadParagraph,
                                   url: "https://wire.example.com/3", hoursLater: 2)
        #expect(StoryRule.standard.relation(first, lead) == .nearDuplicate)
        #expect(StoryRule.standard.relation(first, second) == .nearDuplicate)
        let members = [StoryMember(alertID: "00000000000000a1", watch: "w", story: "00000000000000a1", level: .alert, fingerprint: first),
                       StoryMember(alertID: "00000000000000a2", watch: "w", story: "00000000000000a1", level: .alert, fingerprint: lead)]
        #expect(StoryAssignment.story(of: second, among: members)?.member.story == "00000000000000a1")
    }

    @Test func sameEventFromAnotherOutletJoinsWithin48Hours() {
        let wire = T.fingerprint(T.wireTitle, T.wireBody, url: "https://wire.example.com/1")
        let other = T.fingerprint(T.otherOutletTitle, T.otherOutletBody, url: "https://paper.example.org/hokkaido", hoursLater: 5)
        let jaccard = wire.signature.jaccard(other.signature)
        #expect(jaccard < StoryRule.standard.editedJaccard)
        #expect(StoryRule.standard.relation(wire, other) == .sameEvent)
        // The same texts three days apart, or naming other actors, are separate.
        let late = T.fingerprint(T.otherOutletTitle, T.otherOutletBody, hoursLater: 72)
        #expect(StoryRule.standard.relation(wire, late) == nil)
        let otherActors = T.fingerprint(T.otherOutletTitle, T.otherOutletBody, hoursLater: 5, actors: ["iran", "israel"])
        #expect(StoryRule.standard.relation(wire, otherActors) == nil)
    }

    @Test func twoReportsAgreeingInTitleAndLeadAreOneEventThoughTheirWholeTextsDiffer() {
        let lead = """
            North Korea fired a ballistic missile over Hokkaido early on Tuesday, and residents of the northern \
            island were told to take shelter. The missile came down in the Pacific east of Cape Erimo after a \
            flight of about fifteen minutes, the defence ministry in Tokyo said.
            """
        // Each outlet's own background after the lead: 300 words the other never uses.
        let a = T.fingerprint(T.wireTitle, lead + " " + (1...300).map { "alpha\($0)" }.joined(separator: " "))
        let b = T.fingerprint("Hokkaido residents shelter as North Korean missile flies over Japan",
                              lead + " " + (1...300).map { "beta\($0)" }.joined(separator: " "), hoursLater: 6)
        #expect(a.signature.jaccard(b.signature) < StoryRule.standard.eventJaccard)
        #expect(a.lead.jaccard(b.lead) >= StoryRule.standard.leadJaccard)
        #expect(StoryRule.standard.relation(a, b) == .sameEvent)
        var wholeTextOnly = StoryRule.standard
        wholeTextOnly.leadJaccard = 1.01
        #expect(wholeTextOnly.relation(a, b) == nil)
        // Three days apart they are separate, whatever the lead.
        let late = T.fingerprint(T.wireTitle, lead, hoursLater: 72)
        #expect(StoryRule.standard.relation(b, late) == nil)
    }

    @Test func differentLaunchesWithTheSameActorsAWeekApartStaySeparate() {
        let first = T.fingerprint(T.wireTitle, T.wireBody)
        let later = T.fingerprint(T.laterTitle, T.laterBody, hoursLater: 7 * 24)
        #expect(StoryRule.standard.relation(first, later) == nil)
        #expect(StoryAssignment.story(of: later, among: [
            StoryMember(alertID: "00000000000000a1", watch: "w", story: "00000000000000a1", level: .alert, fingerprint: first),
        ]) == nil)
    }

    @Test("an undated article joins only as the same page or a copy: its arrival time says nothing of when its event happened")
    func undatedArticlesJoinOnlyThroughLinkOrText() {
        func undated(_ title: String, _ body: String, url: String? = nil) -> StoryFingerprint {
            StoryFingerprint(title: title, body: body, url: url, published: nil, seen: T.tuesday,
                             actors: ["north-korea", "japan", "china", "russia"], topics: ["missile-test"], leadWords: .commonOnly)
        }
        let wire = undated(T.wireTitle, T.wireBody, url: "https://wire.example.com/1")
        // The launch a week later, dropped undated beside the wire: it arrived at the same instant.
        #expect(StoryRule.standard.relation(wire, undated(T.laterTitle, T.laterBody)) == nil)
        // Another outlet's report of the same launch joins when both are dated (above), not when one is undated.
        #expect(StoryRule.standard.relation(wire, undated(T.otherOutletTitle, T.otherOutletBody)) == nil)
        #expect(StoryRule.standard.relation(wire, T.fingerprint(T.otherOutletTitle, T.otherOutletBody)) == nil)
        #expect(StoryRule.standard.relation(T.fingerprint(T.wireTitle, T.wireBody), T.fingerprint(T.otherOutletTitle, T.otherOutletBody))
                == .sameEvent)
        // Copies and the same page still join.
        #expect(StoryRule.standard.relation(wire, undated(T.syndicatedTitle, T.wireBody + "\n" + T.boilerplate)) == .nearDuplicate)
        #expect(StoryRule.standard.relation(wire, undated("Corrected", "Typhoon", url: "https://wire.example.com/1?utm_source=x"))
                == .sameLink)
        #expect(wire.isDated == false)
        #expect(T.fingerprint(T.wireTitle, T.wireBody).isDated)
    }

    @Test func actorsAgreeWhenHalfOfTheFewerAreShared() {
        #expect(StoryRule.actorsAgree(["north-korea", "japan", "united-states"], ["north-korea", "japan", "china", "russia"]))
        #expect(StoryRule.actorsAgree(["north-korea"], ["north-korea", "japan", "china"]))
        #expect(!StoryRule.actorsAgree(["north-korea", "iran", "syria"], ["north-korea", "japan", "china"]))
        #expect(!StoryRule.actorsAgree(["russia"], []))
        #expect(StoryRule.actorsAgree([], []))
        #expect(StoryRule.topicsAgree(["missile-test", "sanctions"], ["sanctions"]))
        #expect(!StoryRule.topicsAgree(["missile-test"], ["sanctions"]))
    }

    @Test func aMemberThatAddsNothingIsARepeat() {
        let summary = StorySummary(size: 2, actors: ["north-korea", "japan"], highest: .alert)
        let repeatKeys = StoryAssignment.keys(alertID: "00000000000000b1", actors: ["japan"], level: .notice,
                                              joining: ("00000000000000a1", .nearDuplicate, summary))
        #expect(repeatKeys == StoryKeys(story: "00000000000000a1", size: 3, isRepeat: true, relation: .nearDuplicate))
        #expect(!repeatKeys.isUpdate)
        let newActor = StoryAssignment.keys(alertID: "00000000000000b2", actors: ["japan", "russia"], level: .notice,
                                            joining: ("00000000000000a1", .sameEvent, summary))
        #expect(newActor == StoryKeys(story: "00000000000000a1", size: 3, isRepeat: false, relation: .sameEvent))
        #expect(newActor.isUpdate)
        let higher = StoryAssignment.keys(alertID: "00000000000000b3", actors: ["japan"], level: .alert,
                                          joining: ("00000000000000a1", .sameEvent,
                                                    StorySummary(size: 1, actors: ["japan"], highest: .notice)))
        #expect(higher.isUpdate && higher.size == 2)
        #expect(StoryAssignment.keys(alertID: "00000000000000c1", actors: ["japan"], level: .alert, joining: nil)
                == StoryKeys(story: "00000000000000c1", size: 1, isRepeat: false, relation: nil))
    }
}

@Suite struct StoriesWindowConfigurationTests {
    static let base = """
        watches: [seeds/w]
        drop_folder: {path: inbox}
        alerts: {log: alerts.jsonl}
        state: {path: state.sqlite}

        """

    @Test func windowDefaultsToSevenDaysAndReadsADuration() throws {
        #expect(try ConfigurationReader.parse(Self.base, file: "/etc/s.yaml").storiesWindowSeconds == 604_800)
        #expect(try ConfigurationReader.parse(Self.base + "stories: {window: 3d}\n", file: "/etc/s.yaml").storiesWindowSeconds == 259_200)
    }

    @Test func windowShorterThanTheEventWindowIsAnError() {
        #expect(throws: YAMLFileError(file: "/etc/s.yaml", line: 5, key: "stories.window",
                                      message: "window must be at least 2d (a story's reports may be 48 h apart)")) {
            try ConfigurationReader.parse(Self.base + "stories: {window: 1d}\n", file: "/etc/s.yaml")
        }
        #expect(throws: YAMLFileError.self) {
            try ConfigurationReader.parse(Self.base + "stories: {per: story}\n", file: "/etc/s.yaml")
        }
    }
}
