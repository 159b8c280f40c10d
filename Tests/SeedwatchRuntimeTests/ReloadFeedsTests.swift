import Foundation
import Logging
import SeedwatchCore
@testable import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// SIGHUP applies `feeds:` and `fetch:` in process: the daemon's reload handler over a real
/// configuration file, a loopback server and the manual poll clock.
@Suite("Reload applies the feed list")
struct ReloadFeedsTests {
    static let start = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z
    static let aTitle = "Putin meets Kim Jong Un in Pyongyang"
    static let bTitle = "Xi Jinping hosts Putin in Beijing"

    static func rss(guid: String, title: String) -> [UInt8] {
        Array("""
            <rss version="2.0"><channel><title>Desk</title>
            <item><guid>\(guid)</guid><title>\(title)</title></item></channel></rss>
            """.utf8)
    }

    /// The daemon's pieces over `folder`: a config file, the test watch, state, log, poller, reload handler.
    struct Daemon {
        let folder: TemporaryFolder
        let clock = ManualFeedPollClock(start: ReloadFeedsTests.start)
        let recorder = LogRecorder()
        let store: StateStore
        let poller: FeedPoller
        let fetcher: CurlFetcher
        let reload: ReloadService
        let retention: RetentionSettings

        init(folder: TemporaryFolder, config: String) throws {
            self.folder = folder
            try FileManager.default.createDirectory(atPath: folder.file("seeds/test-watch"), withIntermediateDirectories: true)
            try PipelineTestModel.yaml.write(toFile: folder.file("seeds/test-watch/model.yaml"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: folder.file("drop"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder.file("log"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder.file("state"), withIntermediateDirectories: true)
            try Daemon.write(config, to: folder)
            let configuration = try ConfigurationReader.load(path: folder.file("seedwatch.yaml"))
            store = try StateStore(path: configuration.statePath)
            let writer = try AlertLogWriter(path: configuration.alertLog)
            let clock = self.clock
            let processor = ArticleProcessor(watches: try WatchLoader.load(configuration), store: store,
                                             outbox: OutboxDelivery(store: store, sink: writer), logger: recorder.logger(),
                                             now: { clock.now() })
            fetcher = CurlFetcher(concurrency: configuration.fetchConcurrency)
            poller = FeedPoller(feeds: configuration.feeds, fetcher: fetcher, store: store, processor: processor, clock: clock,
                                logger: recorder.logger(), jitter: { 0 })
            retention = RetentionSettings(configuration)
            reload = ReloadService(configurationPath: configuration.file, current: configuration, processor: processor,
                                   poller: poller, fetcher: fetcher, writer: writer, notifier: SystemdNotifier(environment: [:]),
                                   status: DaemonStatus(dropFolder: DropFolderIntake(pipeline: processor), poller: poller),
                                   retention: retention, logger: recorder.logger())
        }

        static func write(_ config: String, to folder: TemporaryFolder) throws {
            try config.write(toFile: folder.file("seedwatch.yaml"), atomically: true, encoding: .utf8)
        }

        func alertTitles() -> [String] {
            splitLines(folder.bytes("log/alerts.jsonl")).compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line))).flatMap { ($0 as? [String: Any])?["title"] as? String }
            }
        }
    }

    static func config(feeds: [String], settle: String = "1s", concurrency: Int = 2) -> String {
        """
        watches: [seeds/test-watch]
        drop_folder: {path: drop, settle: \(settle)}
        alerts: {log: log/alerts.jsonl}
        state: {path: state/seedwatch.sqlite}
        fetch: {concurrency: \(concurrency)}
        feeds:\(feeds.isEmpty ? " []" : "")
        \(feeds.map { "  - " + $0 }.joined(separator: "\n"))
        """
    }

    @Test("a reload adds a feed (polled at once), applies a new interval, removes a feed (never polled again) and re-alerts nothing")
    func addChangeRemove() async throws {
        let routes = FeedRoutes()
        // Always 200 with the same item, so every poll re-reads it: only the state keeps it from alerting twice.
        routes.set("/a") { _, _ in FeedRoutes.document(Self.rss(guid: "a-1", title: Self.aTitle), etag: "\"a\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT") }
        routes.set("/b") { _, _ in FeedRoutes.document(Self.rss(guid: "b-1", title: Self.bTitle), etag: "\"b\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT") }
        let server = try routes.server()
        defer { server.stop() }
        let a = server.baseURL + "/a", b = server.baseURL + "/b"
        @Sendable func count(_ target: String) -> Int { server.requests.filter { $0.target == target }.count }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let daemon = try Daemon(folder: folder, config: Self.config(feeds: ["{url: \"\(a)\", interval: 60s, max_age: 365d}"]))
        defer { daemon.fetcher.shutdown() }
        let clock = daemon.clock
        let task = Task { await daemon.poller.run() }
        defer { task.cancel() }

        // Start-up: /a polled once, then waits.
        try await waitUntil { count("/a") == 1 && clock.sleeperCount == 1 }
        #expect(daemon.alertTitles() == [Self.aTitle])

        // Reload 1: /b added (polled at once), /a's interval 60s → 300s, fetch.concurrency 2 → 4.
        try Daemon.write(Self.config(feeds: ["{url: \"\(a)\", interval: 300s, max_age: 365d}",
                                             "{url: \"\(b)\", interval: 120s, max_age: 365d}"], concurrency: 4), to: folder)
        await daemon.reload.reload()
        try await waitUntil { count("/b") == 1 && clock.sleeperCount == 2 }
        #expect(daemon.poller.feeds.map(\.url) == [a, b])
        #expect(daemon.poller.feeds.map(\.intervalSeconds) == [300, 120])
        #expect(daemon.alertTitles() == [Self.aTitle, Self.bTitle])
        #expect(daemon.recorder.lines(.info, "feed added; polling it now").map { $0.metadata["feed"] } == [b])
        #expect(daemon.recorder.lines(.info, "feed settings changed; used from its next poll").map { $0.metadata["feed"] } == [a])
        let reloaded = daemon.recorder.lines(.info, "feeds reloaded")
        #expect(reloaded.map { $0.metadata["fetch_concurrency"] } == ["4"])
        #expect(reloaded.map { $0.metadata["added"] } == ["1"])
        #expect(daemon.recorder.lines(.warning, "changes to these keys take effect after a restart (systemctl restart seedwatch)").isEmpty)

        // /a's wait was scheduled with the old interval; the poll after it schedules with the new one.
        clock.advance(to: Self.start.addingTimeInterval(60))
        try await waitUntil { count("/a") == 2 && clock.sleeperCount == 2 }
        #expect(try daemon.store.feedState(url: a)?.nextPoll == Self.start.addingTimeInterval(360))

        // Reload 2: /a removed, drop_folder changed (needs a restart: one warning naming it).
        try Daemon.write(Self.config(feeds: ["{url: \"\(b)\", interval: 120s, max_age: 365d}"], settle: "2s"), to: folder)
        await daemon.reload.reload()
        #expect(daemon.poller.feeds.map(\.url) == [b])
        #expect(daemon.recorder.lines(.info, "feed removed; no longer polled (its state is kept)").map { $0.metadata["feed"] } == [a])
        #expect(daemon.recorder.lines(.warning, "changes to these keys take effect after a restart (systemctl restart seedwatch)")
                    .map { $0.metadata["keys"] } == ["drop_folder"])
        // Past /a's old deadline (t+360) and two of /b's (t+120, t+240): /b is polled, /a never again.
        clock.advance(to: Self.start.addingTimeInterval(120))
        try await waitUntil { count("/b") == 2 && clock.sleeperCount == 2 }
        clock.advance(to: Self.start.addingTimeInterval(360))
        try await waitUntil { count("/b") == 3 && clock.sleeperCount == 1 }  // /a's stale wait ended without a poll
        #expect(count("/a") == 2)
        let removedState = try #require(try daemon.store.feedState(url: a))
        #expect(removedState.lastStatus == 200)
        #expect(removedState.nextPoll == Self.start.addingTimeInterval(360))

        // Reload 3: /a back. Polled at once; its item is already seen, so nothing alerts twice.
        try Daemon.write(Self.config(feeds: ["{url: \"\(b)\", interval: 120s, max_age: 365d}",
                                             "{url: \"\(a)\", interval: 300s, max_age: 365d}"], settle: "2s"), to: folder)
        await daemon.reload.reload()
        try await waitUntil { count("/a") == 3 && clock.sleeperCount == 2 }
        #expect(daemon.poller.feeds.map(\.url) == [b, a])
        #expect(daemon.alertTitles() == [Self.aTitle, Self.bTitle])
        #expect(try daemon.store.feedState(url: a)?.nextPoll == Self.start.addingTimeInterval(360 + 300))
        task.cancel()
    }

    @Test("a daemon started with no feeds gets its first feed by reload; a broken config changes nothing")
    func fromNoFeeds() async throws {
        let routes = FeedRoutes()
        routes.set("/b") { _, _ in FeedRoutes.document(Self.rss(guid: "b-1", title: Self.bTitle), etag: "\"b\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT") }
        let server = try routes.server()
        defer { server.stop() }
        let b = server.baseURL + "/b"
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let daemon = try Daemon(folder: folder, config: Self.config(feeds: []))
        defer { daemon.fetcher.shutdown() }
        let clock = daemon.clock
        let task = Task { await daemon.poller.run() }
        defer { task.cancel() }
        #expect(server.requests.isEmpty)

        try Daemon.write(Self.config(feeds: ["{url: \"\(b)\", interval: 10s}"]), to: folder)  // invalid: interval < 60s
        await daemon.reload.reload()
        #expect(daemon.recorder.lines(.error, "reload failed; keeping the previous configuration and models").count == 1)
        #expect(daemon.poller.feeds.isEmpty)

        try Daemon.write(Self.config(feeds: ["{url: \"\(b)\", max_age: 365d}"]), to: folder)
        await daemon.reload.reload()
        try await waitUntil { server.requests.count == 1 && clock.sleeperCount == 1 }
        #expect(server.requests.map(\.target) == ["/b"])
        #expect(daemon.alertTitles() == [Self.bTitle])
        #expect(try daemon.store.feedState(url: b)?.nextPoll == Self.start.addingTimeInterval(900))
        task.cancel()
    }

    @Test("a feed stopped by 410 is polled again after seedwatch feeds reset and a reload")
    func resumeAfterGone() async throws {
        let routes = FeedRoutes()
        routes.set("/c") { _, n in
            n == 0 ? LoopbackHTTPReply(status: 410)
                : FeedRoutes.document(Self.rss(guid: "c-1", title: Self.aTitle), etag: "\"c\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT")
        }
        let server = try routes.server()
        defer { server.stop() }
        let c = server.baseURL + "/c"
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let daemon = try Daemon(folder: folder, config: Self.config(feeds: ["{url: \"\(c)\", max_age: 365d}"]))
        defer { daemon.fetcher.shutdown() }
        let clock = daemon.clock
        let task = Task { await daemon.poller.run() }
        defer { task.cancel() }
        try await waitUntil { server.requests.count == 1 && (try? daemon.store.feedState(url: c)?.disabled) == true && clock.sleeperCount == 0 }

        await daemon.reload.reload()  // still disabled: its loop starts again, and does not fetch
        let notFetched = "feed not fetched: it is gone (HTTP 410) until seedwatch feeds reset URL and a reload"
        let recorder = daemon.recorder
        try await waitUntil { recorder.lines(.debug, notFetched).count == 1 }
        #expect(daemon.recorder.lines(.debug, notFetched).map { $0.metadata["feed"] } == [c])
        #expect(server.requests.count == 1)

        var fresh = FeedHTTPState(url: c)  // what `seedwatch feeds reset URL` stores
        fresh.lastStatus = 410
        try daemon.store.saveFeedState(fresh)
        await daemon.reload.reload()
        try await waitUntil { server.requests.count == 2 && clock.sleeperCount == 1 }
        #expect(daemon.alertTitles() == [Self.aTitle])
        #expect(try daemon.store.feedState(url: c)?.disabled == false)
        task.cancel()
    }

    @Test("only drop_folder, alerts.log, state.path and metrics changes ask for a restart")
    func restartOnlyKeys() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("seedwatch.yaml")
        let old = try ConfigurationReader.parse(Self.config(feeds: []), file: path)
        var new = try ConfigurationReader.parse(Self.config(feeds: ["{url: \"https://news.example/rss\"}"], concurrency: 3), file: path)
        new.retentionSeconds = 86400
        #expect(ReloadService.restartOnlyChanges(from: old, to: new) == [])
        new.dropFolder.ignore = ["*.bak"]
        new.alertLog = folder.file("other.jsonl")
        new.statePath = folder.file("other.sqlite")
        #expect(ReloadService.restartOnlyChanges(from: old, to: new) == ["drop_folder", "alerts.log", "state.path"])
        // metrics.textfile and metrics.listen are set up at start-up only: a reload must say so, not ignore them.
        new.metricsTextfile = folder.file("seedwatch.prom")
        #expect(ReloadService.restartOnlyChanges(from: old, to: new) == ["drop_folder", "alerts.log", "state.path", "metrics"])
        new = old
        new.metricsListen = try MetricsListenAddress.parse("127.0.0.1:9464")
        #expect(ReloadService.restartOnlyChanges(from: old, to: new) == ["metrics"])
    }
}
