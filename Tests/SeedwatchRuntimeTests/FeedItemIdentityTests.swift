import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// Tryout F19 and F16: a GUID given by position names another article once its link and text
/// change; an item under a new GUID with a stored item's link is that item; the same wire headline
/// over another event a day later is a new article. Served from a loopback server, polled by the
/// daemon's poller (clock 2026-08-21T05:00:00Z).
@Suite("Feed item identity: reused GUIDs, links, the same headline over another event")
struct FeedItemIdentityTests {
    static let watch = "china-russia-north-korea"
    static let hypersonic = "Kim Jong Un oversees test of new hypersonic missile"
    static let hypersonicText = "North Korean leader Kim Jong Un oversaw the test of a new hypersonic missile, state media said, "
        + "as Pyongyang deepens military ties with Russia and China watches closely."
    static let warships = "Russian warships dock in Wonsan as Moscow and Pyongyang deepen naval ties"
    static let warshipsText = "Russian Pacific Fleet warships docked in the North Korean port of Wonsan on Friday, as Moscow and "
        + "Pyongyang expand a military partnership that worries China."

    static func item(guid: String, link: String, title: String, description: String, pubDate: String) -> String {
        """
        <item><guid isPermaLink="false">\(guid)</guid><link>\(link)</link><title>\(title)</title>
         <description>\(description)</description><pubDate>\(pubDate)</pubDate></item>
        """
    }

    static func rss(_ items: String...) -> String {
        "<rss version=\"2.0\"><channel><title>Pos</title>\n" + items.joined(separator: "\n") + "\n</channel></rss>"
    }

    @Test func aGUIDGivenByPositionIsANewArticleAndTheOldArticleUnderANewGUIDIsNotAlertedAgain() async throws {
        let served = try FeedItemContentChangeTests.ServedFeed()
        defer { served.stop() }
        let fixture = served.fixture, url = served.feed.url
        let version = try FeedCorpus.shippedWatch().model.version
        let link1 = "https://pos.example/story?id=9001", link2 = "https://pos.example/story?id=9002"
        let first = Self.item(guid: "1", link: link1, title: Self.hypersonic, description: Self.hypersonicText,
                              pubDate: "Fri, 21 Aug 2026 01:00:00 +0000")
        // Poll 1: one item, GUID 1.
        #expect(await served.poll(Self.rss(first)).alerts.map(\.title) == [Self.hypersonic])
        // Poll 2: GUID 1 is now the warships story; the hypersonic story moved to GUID 2 with its link.
        let second = Self.rss(
            Self.item(guid: "1", link: link2, title: Self.warships, description: Self.warshipsText, pubDate: "Fri, 21 Aug 2026 04:30:00 +0000"),
            Self.item(guid: "2", link: link1, title: Self.hypersonic, description: Self.hypersonicText,
                      pubDate: "Fri, 21 Aug 2026 01:00:00 +0000"))
        let report = await served.poll(second)
        #expect(report.alerts.map(\.title) == [Self.warships])
        #expect(report.reusedGUIDs == ["1"])
        // Poll 3, the same document (now keyed by link): nothing new.
        #expect(await served.poll(second).alerts.isEmpty)

        let firstID = ArticleIdentity.alertID(watch: Self.watch, articleKey: ArticleIdentity.feedKey(feedURL: url, itemKey: "1"),
                                              modelVersion: version)
        let warshipsID = ArticleIdentity.alertID(watch: Self.watch, articleKey: ArticleIdentity.feedKey(feedURL: url, itemKey: link2),
                                                 modelVersion: version)
        #expect(fixture.alertObjects().map { $0["id"] as? String } == [firstID, warshipsID])
        #expect(fixture.alertTitles() == [Self.hypersonic, Self.warships])
        #expect(try served.poller.states.state(url: url)?.guidUnreliableSince == Date(timeIntervalSince1970: 1_787_288_400))

        let warshipsEvents = try fixture.store.events(subject: Array(link2.utf8))
        #expect(warshipsEvents.map(\.kind) == [.decided])
        #expect(warshipsEvents.map(\.alertID) == [warshipsID])
        #expect(warshipsEvents.first?.detail
            == "GUID 1 named another article before (\(link1)): a new article, known by its link: \(Self.warships)")
        let hypersonicEvents = try fixture.store.events(subject: Array(link1.utf8))
        #expect(hypersonicEvents.map(\.alertID) == [firstID, nil, nil])
        #expect(hypersonicEvents.dropFirst().map(\.detail) == Array(repeating:
            "the same link as an article already seen (alert \(firstID)); no new actor, not alerted again: \(Self.hypersonic)", count: 2))
        #expect(hypersonicEvents.dropFirst().map(\.level) == ["alert", "alert"])
        let marked = fixture.recorder.lines(.warning,
            "feed GUIDs are unreliable (one was reused for another article); its items are known by their link from now on")
        #expect(marked.map { $0.metadata["guids"] } == ["1"])
        #expect(fixture.recorder.lines(.warning, "feed item GUID names another article than before; the item is known by its link")
            .map { $0.metadata["former_link"] } == [link1])
    }

    /// A headline fix that keeps the GUID and moves the link is the same item; a new GUID with a
    /// stored item's link is that item, even while the feed's GUIDs hold.
    @Test func aLinkMovedWithAHeadlineFixKeepsTheGUIDsItem() async throws {
        let served = try FeedItemContentChangeTests.ServedFeed()
        defer { served.stop() }
        let date = "Fri, 21 Aug 2026 01:00:00 +0000"
        #expect(await served.poll(Self.rss(Self.item(guid: "a", link: "https://pos.example/hypersonic-test", title: Self.hypersonic,
                                                     description: Self.hypersonicText, pubDate: date))).alerts.count == 1)
        let fixed = Self.hypersonic.replacingOccurrences(of: "oversees", with: "watches")
        let report = await served.poll(Self.rss(Self.item(guid: "a", link: "https://pos.example/hypersonic-test-2", title: fixed,
                                                          description: Self.hypersonicText, pubDate: date)))
        #expect(report.alerts.isEmpty && report.reusedGUIDs.isEmpty)
        #expect(try served.poller.states.state(url: served.feed.url)?.guidUnreliableSince == nil)
        #expect(served.fixture.alertObjects().count == 1)
    }

    /// Tryout F16 (rec.xml): the identical wire headline 29 h later, under another GUID and link,
    /// with a description of another launch, is a new article; the 48-h rule stays for corrections.
    @Test func theSameWireHeadlineOverAnotherEventADayLaterIsANewArticle() async throws {
        let served = try FeedItemContentChangeTests.ServedFeed()
        defer { served.stop() }
        let headline = "North Korea fires ballistic missile, Japan says"
        let first = "North Korea fired a ballistic missile on Monday that landed outside Japan's exclusive economic zone, Tokyo said; "
            + "Beijing urged calm while Moscow stayed silent."
        let second = "Pyongyang launched another ballistic missile that flew over northern Japan, prompting evacuation alerts in "
            + "Hokkaido; China and Russia blocked a Security Council statement."
        #expect(ArticleUpdateMatch.unrelatedDescriptions(ArticleUpdateMatch.descriptionWords(summary: first, content: ""),
                                                         ArticleUpdateMatch.descriptionWords(summary: second, content: "")))
        let p1 = await served.poll(Self.rss(Self.item(guid: "urn:rec:1", link: "https://rec.example/rec/1", title: headline,
                                                      description: first, pubDate: "Wed, 19 Aug 2026 23:00:00 +0000")))
        #expect(p1.alerts.map(\.title) == [headline])
        let p2 = await served.poll(Self.rss(Self.item(guid: "urn:rec:2", link: "https://rec.example/rec/2", title: headline,
                                                      description: second, pubDate: "Fri, 21 Aug 2026 04:00:00 +0000")))
        #expect(p2.alerts.map(\.title) == [headline])
        #expect(p2.alerts.map { $0.published.map(AlertTimestamp.format) } == ["2026-08-21T04:00:00Z"])
        #expect(served.fixture.alertObjects().count == 2)
        #expect(try served.fixture.store.events(subject: Array("https://rec.example/rec/2".utf8)).map(\.detail) == [headline])
    }

    /// Tryout F21: a feed removed and added again under another spelling of its URL (here a trailing
    /// `/`; also `http`/`https`, `www.`) without a redirect: its items, by GUID or by link, were
    /// decided already and are recorded as seen, not alerted again.
    @Test func aFeedReaddedUnderAnotherSpellingOfItsURLDoesNotAlertItsItemsAgain() async throws {
        let routes = FeedRoutes(), fetcher = CurlFetcher()
        let date = "Fri, 21 Aug 2026 01:00:00 +0000"
        let before = Self.rss(
            Self.item(guid: "urn:x:1", link: "https://pos.example/hypersonic", title: Self.hypersonic, description: Self.hypersonicText, pubDate: date),
            Self.item(guid: "urn:x:2", link: "https://pos.example/warships", title: Self.warships, description: Self.warshipsText, pubDate: date))
        // The same items; the second under a new GUID (its link kept).
        let after = Self.rss(
            Self.item(guid: "urn:x:1", link: "https://pos.example/hypersonic", title: Self.hypersonic, description: Self.hypersonicText, pubDate: date),
            Self.item(guid: "https://pos.example/warships", link: "https://pos.example/warships", title: Self.warships,
                      description: Self.warshipsText, pubDate: date))
        routes.set("/world.rss") { _, _ in LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml")], body: .bytes(Array(before.utf8))) }
        routes.set("/world.rss/") { _, _ in LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml")], body: .bytes(Array(after.utf8))) }
        let server = try routes.server()
        let fixture = try FeedPollerFixture()
        defer {
            server.stop()
            fetcher.shutdown()
            fixture.folder.remove()
        }
        let old = feedConfig(server.baseURL + "/world.rss"), respelled = feedConfig(server.baseURL + "/world.rss/")
        #expect(await fixture.poller([old], fetcher: fetcher).poll(old).alerts.map(\.title) == [Self.hypersonic, Self.warships])
        let report = await fixture.poller([respelled], fetcher: fetcher).poll(respelled)
        #expect(report.alerts.isEmpty)
        #expect(report.seenUnderRespelledURL == 2 && report.absorbedAsOld == 0)
        #expect(fixture.alertObjects().count == 2)
        for (link, title) in [("https://pos.example/hypersonic", Self.hypersonic), ("https://pos.example/warships", Self.warships)] {
            let events = try fixture.store.events(subject: Array(link.utf8))
            #expect(events.map(\.kind) == [.decided, .recorded])
            #expect(events.last?.detail == "decided already as an item of \(old.url), this feed's URL spelled otherwise: seen, not matched — \(title)")
        }
        #expect(fixture.recorder.lines(.info, "items decided already under another spelling of this feed's URL recorded as seen without alerting")
            .map { $0.metadata["spelled"] } == [old.url])
    }

    /// Tryout F26: a document cut off mid-item is read by recovery with one WARNING naming its line
    /// and the items kept, and a note in the feed's state (`seedwatch feeds`) until a well-formed one.
    @Test func aTruncatedDocumentIsRecoveredWithOneWarningAndANoteUntilAWellFormedOne() async throws {
        let served = try FeedItemContentChangeTests.ServedFeed()
        defer { served.stop() }
        let full = Self.rss(
            Self.item(guid: "a", link: "https://pos.example/a", title: Self.hypersonic, description: Self.hypersonicText,
                      pubDate: "Fri, 21 Aug 2026 01:00:00 +0000"),
            Self.item(guid: "b", link: "https://pos.example/b", title: Self.warships, description: Self.warshipsText,
                      pubDate: "Fri, 21 Aug 2026 02:00:00 +0000"))
        let truncated = String(full.prefix(upTo: full.range(of: "docked in")!.lowerBound))
        let first = await served.poll(truncated)
        #expect(first.items == 2)
        let note = try #require(first.parseWarning)
        #expect(note.hasPrefix("ill-formed XML at line 5 ("), "\(note)")
        #expect(note.hasSuffix("), recovered 2 items"), "\(note)")
        #expect(await served.poll(truncated).parseWarning == note)
        let state = try served.poller.states.state(url: served.feed.url)
        #expect(state?.parseWarning == note && state?.lastError == nil)
        let warnings = served.fixture.recorder.lines(.warning, "feed document is not well-formed XML; the items before the fault were recovered")
        #expect(warnings.count == 1)
        #expect(warnings.map { [$0.metadata["line"], $0.metadata["items_recovered"]] } == [["5", "2"]])
        #expect(await served.poll(full).parseWarning == nil)
        #expect(try served.poller.states.state(url: served.feed.url)?.parseWarning == nil)
        #expect(served.fixture.recorder.lines(.info, "feed document is well-formed again").count == 1)
    }

    /// The feed's GUID mark and parse note survive a restart (migration v16-feed-identity-notes).
    @Test func theGUIDMarkAndTheParseNoteAreStored() throws {
        let folder = try WatchedTemporaryFolder()
        let store = try StateStore(path: folder.url("state.sqlite").path)
        let since = Date(timeIntervalSince1970: 1_787_288_400)
        let note = FeedPoller.parseWarning(line: 5, message: "Premature end of data in tag description line 5", recovered: 1)
        #expect(note == "ill-formed XML at line 5 (Premature end of data in tag description line 5), recovered 1 item")
        try store.saveFeedState(FeedHTTPState(url: "https://pos.example/feed", guidUnreliableSince: since, parseWarning: note))
        let read = try StateStore(path: folder.url("state.sqlite").path).feedState(url: "https://pos.example/feed")
        #expect(read?.guidUnreliableSince == since && read?.parseWarning == note)
    }
}
