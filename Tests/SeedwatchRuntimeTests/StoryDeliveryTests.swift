import Foundation
import SeedwatchCore
@testable import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// Stories in what the outputs receive (issue 14 with issue 12): the webhook's body is the alert
/// line with its `story`, `story_size` and `repeat`; the e-mail output finds an update's story in
/// the state store (the lines of its members up to it) and groups it as `seedwatch alerts` does.
@Suite struct StoryDeliveryTests {
    /// Two feeds: a story's first alert, then an update from another outlet that adds Xi Jinping.
    func twoMembers() async throws -> (FeedPollerFixture, [[UInt8]]) {
        let fetcher = FakeFeedFetcher()
        let a = "https://a.example/rss", b = "https://b.example/rss"
        fetcher.script(a, [FeedResponse(status: 200, finalURL: a, contentType: "application/rss+xml",
                                        body: StoryPipelineTests.rss(guid: "a-1", title: "Putin and Kim sign pact", link: "https://a.example/1"))])
        fetcher.script(b, [FeedResponse(status: 200, finalURL: b, contentType: "application/rss+xml",
                                        body: StoryPipelineTests.rss(guid: "b-1", title: "Putin and Kim sign pact; Beijing silent",
                                                                     link: "https://www.b.example/9",
                                                                     body: StoryPipelineTests.body + " Xi Jinping sent a message of congratulations."))])
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: StoryPipelineTests.start)
        fixture.store.setOutputRoutes([OutputRoute(name: "hook", minimumLevel: .notice, skipsRepeats: true)])
        let feeds = [feedConfig(a), feedConfig(b)]
        let poller = fixture.poller(feeds, fetcher: fetcher)
        _ = await poller.poll(feeds[0])
        _ = await poller.poll(feeds[1])
        return (fixture, splitLines(fixture.folder.bytes("log/alerts.jsonl")).map { Array($0) + [0x0A] })
    }

    @Test func theWebhookBodyIsTheAlertLineWithItsStoryKeys() async throws {
        let (fixture, lines) = try await twoMembers()
        defer { fixture.folder.remove() }
        #expect(lines.count == 2)
        let server = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: 204) }
        defer { server.stop() }
        let worker = OutputDeliveryWorker(sink: WebhookSink(name: "hook", url: server.baseURL, key: nil), store: fixture.store,
                                          retry: DeliveryRetry(), logger: fixture.recorder.logger(), random: { 0 })
        let round = await worker.deliverDue(now: { Date(timeIntervalSince1970: 1_900_000_000) })
        #expect(round.delivered == 2)
        #expect(server.requests.map(\.body) == lines.map { Array($0.dropLast()) })
        let bodies = server.requests.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }
        let first = try #require(bodies.first?["id"] as? String)
        #expect(bodies.map { $0["story"] as? String } == [first, first])
        #expect(bodies.map { $0["story_size"] as? Int } == [1, 2])
        #expect(bodies.map { $0["repeat"] as? Bool } == [false, false])
    }

    @Test func theEmailOutputGroupsAnUpdateWithItsStoryFromTheStore() async throws {
        let (fixture, lines) = try await twoMembers()
        defer { fixture.folder.remove() }
        let entries = try lines.map { try AlertLogEntry.decode(line: $0) }
        #expect(entries.count == 2)
        #expect(try fixture.store.storyLines(story: entries[0].id, upTo: entries[1].id) == lines)
        #expect(try fixture.store.storyLines(story: entries[0].id, upTo: entries[0].id) == [lines[0]])
        // The daemon's wiring gives the e-mail sink the store's story lines.
        let email = EmailSink(name: "desk", settings: .init(smtp: "smtp://127.0.0.1:1", from: "a@example.org", to: ["b@example.org"]),
                              credentials: nil)
        let outbox = OutboxDelivery(store: fixture.store, sink: InMemoryAlertSink(),
                                    outputs: [QueuedAlertSink(sink: email, minimumLevel: .notice, retry: DeliveryRetry())])
        let sink = try #require(outbox.outputWorkers(logger: fixture.recorder.logger()).first?.sink as? EmailSink)
        let story = try #require(sink.story(of: entries[1]))
        #expect(story.first.id == entries[0].id)
        #expect(story.members.map(\.id) == [entries[1].id])
        #expect(story.sourcesLine() == "+1 source: b.example")
        #expect(sink.story(of: entries[0]) == nil)
    }
}
