import Foundation
import SeedwatchCore
import Testing

/// The stories of one `seedwatch scan` run, kept in memory (``StoryBook``).
@Suite struct StoryBookTests {
    typealias T = StoryTexts

    /// The stories texts in arrival order: wire, LEAD, 2nd LD, syndicated copy, another outlet,
    /// a launch a week later, and the wire's copy in another watch.
    static func arrivals() -> [(id: String, watch: String, level: AlertLevel, fingerprint: StoryFingerprint)] {
        [
            ("00000000000000a1", "w", .notice, T.fingerprint(T.wireTitle, T.wireBody, url: "https://wire.example.com/1")),
            ("00000000000000a2", "w", .notice, T.fingerprint("(LEAD) " + T.wireTitle, T.wireBody + "\n" + T.leadParagraph,
                                                              url: "https://wire.example.com/2", hoursLater: 1)),
            ("00000000000000a3", "w", .alert, T.fingerprint("(2nd LD) N. Korea fires missile over Japan; U.S. condemns launch",
                                                             T.leadParagraph + "\n" + T.wireBody + "\n" + T.secondLeadParagraph,
                                                             url: "https://wire.example.com/3", hoursLater: 2)),
            ("00000000000000a4", "w", .alert, T.fingerprint(T.syndicatedTitle, T.wireBody + "\n" + T.boilerplate,
                                                             url: "https://bugle.example.net/2?utm_source=rss", hoursLater: 3)),
            ("00000000000000a5", "w", .alert, T.fingerprint(T.otherOutletTitle, T.otherOutletBody,
                                                             url: "https://paper.example.org/hokkaido", hoursLater: 5,
                                                             actors: ["north-korea", "japan", "china", "russia", "united-states"])),
            ("00000000000000b1", "w", .alert, T.fingerprint(T.laterTitle, T.laterBody, hoursLater: 7 * 24)),
            ("00000000000000c1", "v", .alert, T.fingerprint(T.wireTitle, T.wireBody, url: "https://wire.example.com/1")),
        ]
    }

    static let expected = [
        StoryKeys(story: "00000000000000a1", size: 1, isRepeat: false, relation: nil),
        StoryKeys(story: "00000000000000a1", size: 2, isRepeat: true, relation: .nearDuplicate),
        StoryKeys(story: "00000000000000a1", size: 3, isRepeat: false, relation: .nearDuplicate),   // alert after notices
        StoryKeys(story: "00000000000000a1", size: 4, isRepeat: true, relation: .nearDuplicate),
        StoryKeys(story: "00000000000000a1", size: 5, isRepeat: false, relation: .sameEvent),       // names the United States
        StoryKeys(story: "00000000000000b1", size: 1, isRepeat: false, relation: nil),
        StoryKeys(story: "00000000000000c1", size: 1, isRepeat: false, relation: nil),              // stories are per watch
    ]

    @Test("a LEAD chain, a syndicated copy and another outlet join the wire's story; a launch a week later and another watch do not")
    func groupsOneRunLikeTheDaemon() {
        var book = StoryBook()
        let keys = Self.arrivals().map { book.join(alertID: $0.id, watch: $0.watch, level: $0.level, fingerprint: $0.fingerprint) }
        #expect(keys == Self.expected)
        #expect(book.count == 7)
        #expect(book.storySummary(story: "00000000000000a1")
                == StorySummary(size: 5, actors: ["north-korea", "japan", "china", "russia", "united-states"], highest: .alert))
        #expect(book.storySummary(story: "00000000000000ff") == nil)
    }

    @Test("undated articles of different events read together stay separate stories; an undated copy joins its original")
    func undatedArticlesJoinOnlyAsCopies() {
        func undated(_ title: String, _ body: String) -> StoryFingerprint {
            // As scan gives them: no published date, all read at the same instant.
            StoryFingerprint(title: title, body: body, url: nil, published: nil, seen: T.tuesday,
                             actors: ["north-korea", "japan", "china", "russia"], topics: ["missile-test"], leadWords: .commonOnly)
        }
        var book = StoryBook()
        let keys = [
            ("00000000000000a1", undated(T.wireTitle, T.wireBody)),
            ("00000000000000b1", undated(T.laterTitle, T.laterBody)),
            ("00000000000000c1", undated(T.otherOutletTitle, T.otherOutletBody)),
            ("00000000000000a2", undated(T.syndicatedTitle, T.wireBody + "\n" + T.boilerplate)),
        ].map { book.join(alertID: $0.0, watch: "w", level: .alert, fingerprint: $0.1) }
        #expect(keys == [
            StoryKeys(story: "00000000000000a1", size: 1, isRepeat: false, relation: nil),
            StoryKeys(story: "00000000000000b1", size: 1, isRepeat: false, relation: nil),
            StoryKeys(story: "00000000000000c1", size: 1, isRepeat: false, relation: nil),
            StoryKeys(story: "00000000000000a1", size: 2, isRepeat: true, relation: .nearDuplicate),
        ])
    }

    @Test("the same alert id read again (an identical copy of a file) gets the keys it was given first, after later members too")
    func sameAlertReadAgainKeepsItsKeys() {
        var book = StoryBook()
        let arrivals = Self.arrivals()
        var keys: [StoryKeys] = []
        for arrival in arrivals.prefix(2) + [arrivals[0], arrivals[1]] {
            keys.append(book.join(alertID: arrival.id, watch: arrival.watch, level: arrival.level, fingerprint: arrival.fingerprint))
        }
        #expect(keys == [Self.expected[0], Self.expected[1], Self.expected[0], Self.expected[1]])
        #expect(book.count == 2)
        #expect(book.storySummary(story: "00000000000000a1")?.size == 2)
    }

    @Test("candidates: by band keys and link at any time, by time within the event window; another watch's never")
    func candidatesAreChosenAsInTheStateDatabase() {
        var book = StoryBook()
        for arrival in Self.arrivals() {
            _ = book.join(alertID: arrival.id, watch: arrival.watch, level: arrival.level, fingerprint: arrival.fingerprint)
        }
        // The wire's text ten days later: its bands find the wire and its near-copies, no time neighbour is left.
        let late = T.fingerprint(T.wireTitle, T.wireBody, hoursLater: 240)
        #expect(book.storyCandidates(watch: "w", fingerprint: late, eventWindow: 48 * 3600).map(\.alertID)
                == ["00000000000000a1", "00000000000000a2", "00000000000000a3", "00000000000000a4"])
        // Another text at the syndicated copy's link (tracking parameter dropped), a month later.
        let sameLink = T.fingerprint("Corrected", "Typhoon closes schools in Okinawa", url: "https://www.bugle.example.net/2/",
                                     hoursLater: 720)
        #expect(book.storyCandidates(watch: "w", fingerprint: sameLink, eventWindow: 48 * 3600).map(\.alertID) == ["00000000000000a4"])
        // An unrelated text six days later: only the week-later launch is within 48 h.
        let unrelated = T.fingerprint("Typhoon closes schools", "Typhoon closes schools in Okinawa and Kagoshima", hoursLater: 6 * 24)
        #expect(book.storyCandidates(watch: "w", fingerprint: unrelated, eventWindow: 48 * 3600).map(\.alertID) == ["00000000000000b1"])
        #expect(book.storyCandidates(watch: "x", fingerprint: late, eventWindow: 48 * 3600).isEmpty)
    }

    @Test("of a band key held by 3,000 copies of one template, only the newest 64 holders are read: the candidates are the earliest 16 of them")
    func aTemplatesBandKeysReadOnlyTheirNewestHolders() {
        var book = StoryBook()
        let template = T.fingerprint(T.wireTitle, T.wireBody)
        for i in 1...3_000 {
            var copy = template
            copy.time = T.tuesday.addingTimeInterval(Double(i) * 3600)
            book.record(StoryMember(alertID: Self.alertID(i), watch: "w", story: Self.alertID(1), level: .alert, fingerprint: copy))
        }
        // A copy 1,000 hours after the last: no member within the event window, all 16 band keys shared with each.
        var late = template
        late.time = T.tuesday.addingTimeInterval(4_000 * 3600)
        #expect(book.storyCandidates(watch: "w", fingerprint: late, eventWindow: 3600).map(\.alertID)
                == (2_937...2_952).map(Self.alertID))
    }

    /// Alert id `n` as 16 hex digits.
    static func alertID(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Daily reports that share a lead (a state agency's formula naming the same leaders), each with
    /// its own 300 words after it: any two within 48 h are the same event by the lead alone.
    static func dailyReport(_ day: Double, _ word: String) -> StoryFingerprint {
        let lead = """
            Kim Jong Un, general secretary of the Workers' Party of Korea, received a message from Vladimir Putin and \
            Xi Jinping on the anniversary, the agency said, and wished the friendly countries prosperity.
            """
        return T.fingerprint("Kim Jong Un receives a message", lead + " " + (1...300).map { "\(word)\($0)" }.joined(separator: " "),
                             hoursLater: day * 24)
    }

    @Test("a chain of reports each within 48 h of the one before is not one story past 48 h: the story of one event spans at most 48 h")
    func sameEventJoinsKeepTheStoryWithin48Hours() {
        let (monday, wednesday, friday) = (Self.dailyReport(0, "alpha"), Self.dailyReport(1.75, "beta"), Self.dailyReport(3.5, "gamma"))
        #expect(StoryRule.standard.relation(wednesday, monday) == .sameEvent)
        #expect(StoryRule.standard.relation(friday, wednesday) == .sameEvent)
        #expect(StoryRule.standard.relation(friday, monday) == nil)
        var book = StoryBook()
        let keys = [("00000000000000a1", monday), ("00000000000000a2", wednesday), ("00000000000000a3", friday)].map {
            book.join(alertID: $0.0, watch: "w", level: .alert, fingerprint: $0.1)
        }
        #expect(keys == [
            StoryKeys(story: "00000000000000a1", size: 1, isRepeat: false, relation: nil),
            StoryKeys(story: "00000000000000a1", size: 2, isRepeat: true, relation: .sameEvent),
            StoryKeys(story: "00000000000000a3", size: 1, isRepeat: false, relation: nil),
        ])
        #expect(book.storySpan(story: "00000000000000a1") == T.tuesday...T.tuesday.addingTimeInterval(1.75 * 86400))
        // A copy of Friday's report joins Friday's story, however far it is from Monday's.
        #expect(book.join(alertID: "00000000000000a4", watch: "w", level: .alert, fingerprint: Self.dailyReport(3.6, "gamma"))
                == StoryKeys(story: "00000000000000a3", size: 2, isRepeat: true, relation: .nearDuplicate))
    }

    @Test("a copy joins the story of the member it is most alike, not an earlier near-duplicate of the same template")
    func aCopyJoinsItsMostAlikeMember() {
        // Two reports of one template a month apart, recorded as two stories, and a copy of the later
        // one: a near-duplicate of both (of the earlier one as an edit: alike title, half the words).
        let title = "Kim Jong Un exchanges messages with Xi Jinping"
        let template = (1...100).map { "word\($0)" }.joined(separator: " ")
        let september = T.fingerprint(title, template + " " + (1...20).map { "sep\($0)" }.joined(separator: " "))
        let october = T.fingerprint(title, template + " " + (1...20).map { "oct\($0)" }.joined(separator: " "), hoursLater: 28 * 24)
        let copy = T.fingerprint("UPDATE 2-" + title, template + " " + (1...20).map { "oct\($0)" }.joined(separator: " ") + "\n" + T.boilerplate,
                                 hoursLater: 28 * 24 + 1)
        #expect(StoryRule.standard.relation(copy, september) == .nearDuplicate)
        #expect(StoryRule.standard.relation(copy, october) == .nearDuplicate)
        #expect(copy.signature.jaccard(october.signature) > copy.signature.jaccard(september.signature))
        var book = StoryBook()
        book.record(StoryMember(alertID: "00000000000000a1", watch: "w", story: "00000000000000a1", level: .alert, fingerprint: september))
        book.record(StoryMember(alertID: "00000000000000b1", watch: "w", story: "00000000000000b1", level: .alert, fingerprint: october))
        #expect(book.join(alertID: "00000000000000b2", watch: "w", level: .alert, fingerprint: copy)
                == StoryKeys(story: "00000000000000b1", size: 2, isRepeat: true, relation: .nearDuplicate))
    }
}
