import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// Stories through the decide path (issue 12): the alert lines' `story`, `story_size` and
/// `repeat`, and which lines an output with `per: story` gets.
@Suite struct StoryPipelineTests {
    static let start = Date(timeIntervalSince1970: 1_787_288_400)   // 2026-08-21T05:00:00Z

    static let body = """
        Vladimir Putin met Kim Jong Un in Pyongyang on Thursday and signed a pact on new sanctions relief, \
        the Kremlin said. Russia and North Korea agreed to expand rail links across the Tumen river, build a \
        road bridge at Khasan and open direct flights between Vladivostok and the North Korean capital. \
        The two leaders toured a fertiliser plant and watched a parade of cadets before a banquet.
        """

    static func rss(guid: String, title: String, link: String, body: String = body,
                    pubDate: String = "Fri, 21 Aug 2026 04:00:00 GMT") -> [UInt8] {
        Array("""
            <rss version="2.0"><channel><title>Desk</title>
            <item><guid>\(guid)</guid><title>\(title)</title><link>\(link)</link>
            <description>\(body)</description><pubDate>\(pubDate)</pubDate></item>
            </channel></rss>
            """.utf8)
    }

    static func reply(_ body: [UInt8]) -> LoopbackHTTPReply {
        LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml")], body: .bytes(body))
    }

    @Test("two loopback feeds serving the same item give one story of size 2; per: story sends it once")
    func sameItemInTwoFeeds() async throws {
        let routes = FeedRoutes()
        let desk = Self.rss(guid: "desk-1", title: "Putin and Kim sign pact in Pyongyang",
                            link: "https://news.example.com/world/putin-kim?utm_source=desk")
        let world = Self.rss(guid: "world-77", title: "Putin and Kim sign pact in Pyongyang",
                             link: "https://news.example.com/world/putin-kim?utm_source=world&utm_medium=rss")
        routes.set("/desk.rss") { _, _ in Self.reply(desk) }
        routes.set("/world.rss") { _, _ in Self.reply(world) }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        fixture.store.setOutputRoutes([OutputRoute(name: "hook", minimumLevel: .notice, skipsRepeats: true),
                                       OutputRoute(name: "archive", minimumLevel: .notice)])
        let feeds = [feedConfig(server.baseURL + "/desk.rss"), feedConfig(server.baseURL + "/world.rss")]
        let poller = fixture.poller(feeds, fetcher: fetcher)
        let first = await poller.poll(feeds[0])
        let second = await poller.poll(feeds[1])
        #expect(first.alerts.count == 1)
        #expect(second.alerts.count == 1)
        let lines = fixture.alertObjects()
        #expect(lines.count == 2)
        let id = try #require(lines.first?["id"] as? String)
        #expect(lines.map { $0["story"] as? String } == [id, id])
        #expect(lines.map { $0["story_size"] as? Int } == [1, 2])
        #expect(lines.map { $0["repeat"] as? Bool } == [false, true])
        let repeatID = try #require(lines.last?["id"] as? String)
        #expect(try fixture.store.deliveryState(alertID: id, output: "hook") == "pending")
        #expect(try fixture.store.deliveryState(alertID: repeatID, output: "hook") == nil)
        #expect(try fixture.store.deliveryState(alertID: repeatID, output: "archive") == "pending")
    }

    @Test("a later member that names a new actor is an update, not a repeat")
    func newActorIsAnUpdate() async throws {
        let fetcher = FakeFeedFetcher()
        let a = "https://a.example/rss", b = "https://b.example/rss"
        fetcher.script(a, [FeedResponse(status: 200, finalURL: a, contentType: "application/rss+xml",
                                        body: Self.rss(guid: "a-1", title: "Putin and Kim sign pact", link: "https://a.example/1"))])
        fetcher.script(b, [FeedResponse(status: 200, finalURL: b, contentType: "application/rss+xml",
                                        body: Self.rss(guid: "b-1", title: "Putin and Kim sign pact; Beijing silent",
                                                       link: "https://b.example/9",
                                                       body: Self.body + " Xi Jinping sent a message of congratulations."))])
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feeds = [feedConfig(a), feedConfig(b)]
        let poller = fixture.poller(feeds, fetcher: fetcher)
        _ = await poller.poll(feeds[0])
        _ = await poller.poll(feeds[1])
        let lines = fixture.alertObjects()
        #expect(lines.map { $0["story_size"] as? Int } == [1, 2])
        #expect(lines.map { $0["repeat"] as? Bool } == [false, false])
        #expect(lines.last?["story"] as? String == lines.first?["id"] as? String)
    }

    @Test("two different events with the same actors a week apart stay two stories")
    func sameActorsAWeekApart() async throws {
        let fetcher = FakeFeedFetcher()
        let a = "https://a.example/rss"
        let later = """
            Russia delivered a shipment of wheat and fuel to North Korea by rail, Putin's office said, in the \
            first delivery since the sanctions relief. Kim Jong Un thanked the crew at Tumangang station, where \
            inspectors counted forty wagons of grain.
            """
        fetcher.script(a, [
            FeedResponse(status: 200, finalURL: a, contentType: "application/rss+xml",
                         body: Self.rss(guid: "a-1", title: "Putin and Kim sign pact", link: "https://a.example/1")),
            FeedResponse(status: 200, finalURL: a, contentType: "application/rss+xml",
                         body: Self.rss(guid: "a-2", title: "Russian grain train reaches North Korea", link: "https://a.example/2",
                                        body: later, pubDate: "Fri, 28 Aug 2026 04:00:00 GMT")),
        ])
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feed = feedConfig(a)
        let poller = fixture.poller([feed], fetcher: fetcher)
        _ = await poller.poll(feed)
        fixture.clock.advance(to: Self.start.addingTimeInterval(7 * 86400))
        _ = await poller.poll(feed)
        let lines = fixture.alertObjects()
        #expect(lines.count == 2)
        #expect(lines.map { $0["story"] as? String } == lines.map { $0["id"] as? String })
        #expect(lines.map { $0["story_size"] as? Int } == [1, 1])
    }

    /// Two summits of the same leaders years apart, and a copy of the first with another headline.
    static let vladivostok = """
        Vladimir Putin met Kim Jong Un in Vladivostok on Thursday for their first summit, the Kremlin said. Russia \
        and North Korea discussed the stalled nuclear talks with Washington and the sanctions on Pyongyang. The two \
        leaders toured a university on Russky Island before a banquet. Kim Jong Un had arrived by armoured train.
        """
    static let pyongyang = """
        Vladimir Putin met Kim Jong Un in Pyongyang on Wednesday and signed a treaty on mutual defence, the Kremlin \
        said. Russia and North Korea pledged to resist Western sanctions and to expand trade. The two leaders watched \
        a parade of cadets before a banquet. Putin had arrived by plane before dawn.
        """

    @Test("undated dropped files of different events, read together, stay separate stories; an undated copy joins its original")
    func undatedDroppedFilesJoinOnlyAsCopies() async throws {
        // The fixture's clock stands still: every alert has the same time, as a backlog dropped at once.
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        await f.process(try f.drop("2019-vladivostok.txt", "Putin and Kim hold first summit in Vladivostok\n" + Self.vladivostok + "\n"))
        await f.process(try f.drop("2024-pyongyang.txt", "Putin and Kim sign defence treaty in Pyongyang\n" + Self.pyongyang + "\n"))
        await f.process(try f.drop("2019-vladivostok-copy.txt", "Russia hosts Kim Jong Un for Vladivostok talks\n" + Self.vladivostok
                                   + "\nCopyright 2026 The Daily Bugle. All rights reserved. Sign up for our morning newsletter.\n"))
        let lines = f.alerts
        #expect(lines.count == 3)
        let ids = lines.map { $0["id"] as? String }
        #expect(lines.map { $0["story"] as? String } == [ids[0], ids[1], ids[0]])
        #expect(lines.map { $0["story_size"] as? Int } == [1, 1, 2])
        #expect(lines.map { $0["repeat"] as? Bool } == [false, false, true])
    }
}
