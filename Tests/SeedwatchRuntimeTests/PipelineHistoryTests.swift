import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The history `seedwatch why` shows, as the pipeline records it (issue 13).
@Suite("Pipeline: history for seedwatch why")
struct PipelineHistoryTests {
    static let time = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func aReadAndDecidedFileHasItsStepsWithLevelScoreAndAlertID() async throws {
        let f = try PipelineFixture()
        let text = "Putin visits Pyongyang\n\nPutin arrived in Pyongyang.\n"
        let file = try f.drop("putin.txt", text)
        await f.process(file)
        let alertID = try #require(f.alerts.first?["id"] as? String)
        let key = "file:" + ArticleIdentity.sha256Hex(Array(text.utf8))
        #expect(try f.store.events(subject: file.absolutePath) == [
            ArticleEvent(subject: file.absolutePath, at: Self.time, kind: .seen, detail: "52 bytes"),
            ArticleEvent(subject: file.absolutePath, at: Self.time, kind: .read, detail: "52 bytes"),
            ArticleEvent(subject: file.absolutePath, at: Self.time, kind: .decided, watch: "test-watch", level: "notice",
                         score: 24, alertID: alertID, articleKey: key, detail: "Putin visits Pyongyang"),
        ])
        // Processing it again (a restart's scan) adds nothing: it is already processed.
        await f.process(file)
        #expect(try f.store.events(subject: file.absolutePath).count == 3)
    }

    @Test func aSkippedFileSaysWhy() async throws {
        let f = try PipelineFixture()
        let file = try f.drop(Array("blob.txt".utf8), [0x00, 0x01, 0x02, 0x00, 0xFF, 0x00])
        await f.process(file)
        let events = try f.store.events(subject: file.absolutePath)
        #expect(events.map(\.kind) == [.seen, .read, .skipped])
        #expect(events.last?.detail == "binary content: NUL byte at offset 0")
    }

    @Test func aFeedItemIsFiledUnderItsLinkAndHistoryIsPrunedWithRetention() async throws {
        let f = try PipelineFixture()
        let article = Article(title: "Kim Jong Un replies", body: "Kim Jong Un spoke.")
        let link = "https://example.org/world/kim-replies"
        let key = ArticleIdentity.feedKey(feedURL: "https://example.org/rss", itemKey: "k-1")
        let written = await f.processor.decide(IncomingArticle(article: article, articleKey: key, contentHash: "h",
                                                               source: .feed("https://example.org/rss", url: link, guid: "k-1"),
                                                               origin: "test")).alerts
        #expect(written.count == 1)
        let events = try f.store.events(subject: Array(link.utf8))
        #expect(events == [ArticleEvent(subject: Array(link.utf8), at: Self.time, kind: .decided, watch: "test-watch", level: "notice",
                                        score: written.first?.score, alertID: written.first?.id, articleKey: key,
                                        detail: "Kim Jong Un replies")])
        #expect(try f.store.pruneSeen(olderThan: Self.time) == 0)
        #expect(try f.store.events(subject: Array(link.utf8)).count == 1)
        try f.store.pruneSeen(olderThan: Self.time.addingTimeInterval(1))
        #expect(try f.store.events(subject: Array(link.utf8)).isEmpty)
    }

    /// An item absorbed at a feed's first fetch (older than max_age) says so under its link.
    @Test func anItemRecordedWithoutMatchingSaysWhy() async throws {
        let f = try PipelineFixture()
        let link = "https://example.org/world/old-news"
        let key = ArticleIdentity.feedKey(feedURL: "https://example.org/rss", itemKey: "k-old")
        let decided = await f.processor.decide(IncomingArticle(article: Article(title: "Old news", body: "Putin spoke."), articleKey: key,
                                                               contentHash: "h", source: .feed("https://example.org/rss", url: link, guid: "k-old"),
                                                               origin: "test", recordWithoutAlert: true))
        #expect(decided.alerts.isEmpty)
        #expect(try f.store.events(subject: Array(link.utf8)) == [
            ArticleEvent(subject: Array(link.utf8), at: Self.time, kind: .recorded, articleKey: key,
                         detail: "older than max_age at the feed's first fetch: seen, not matched — Old news"),
        ])
        // Recorded once: the next poll's copy adds nothing.
        _ = await f.processor.decide(IncomingArticle(article: Article(title: "Old news", body: "Putin spoke."), articleKey: key,
                                                     contentHash: "h", source: .feed("https://example.org/rss", url: link, guid: "k-old"),
                                                     origin: "test", recordWithoutAlert: true))
        #expect(try f.store.events(subject: Array(link.utf8)).count == 1)
    }
}
