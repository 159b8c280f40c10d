import Foundation
import SeedwatchRuntime
import SeedwatchTesting
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built daemon polling a real feed served over loopback, across a restart.
@Suite("Feeds end to end", .serialized)
struct FeedEndToEndTests {
    static let cnaWorld = Paths.shared.appendingPathComponent("corpus/feeds/real/laapy-news-rss-pool/cna-world")
    /// CNA world snapshots in time order (index.jsonl of that folder).
    static let snapshots = ["2026-08-18_1636_77c2922f.xml", "2026-08-20_0349_ea000bf6.xml", "2026-08-21_0441_ecdff5f5.xml"]

    /// Serves one snapshot at a time with an ETag per snapshot, answering 304 to a matching If-None-Match.
    final class Index: Sendable {
        let value = Mutex(1)
    }

    final class SnapshotServer: Sendable {
        let current = Index()
        let server: LoopbackHTTPServer

        init() throws {
            let current = self.current
            server = try LoopbackHTTPServer { request in
                let index = current.value.withLock { $0 }
                let etag = "\"cna-\(index)\""
                if request.header("If-None-Match") == etag { return LoopbackHTTPReply(status: 304, headers: [("ETag", etag)]) }
                let body = Array(FileManager.default.contents(atPath: FeedEndToEndTests.cnaWorld.appendingPathComponent(FeedEndToEndTests.snapshots[index]).path) ?? Data())
                return LoopbackHTTPReply(status: 200, headers: [("ETag", etag), ("Content-Type", "text/xml")], body: .bytes(body))
            }
        }
    }

    static func titles(_ url: URL) -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return data.split(separator: 0x0A).compactMap { (try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])?["title"] as? String }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: cnaWorld.path), "../shared is absent: the feed end-to-end test needs the corpus"),
          .timeLimit(.minutes(4)))
    func newItemsAlertOnceAcrossRestarts() throws {
        let feed = try SnapshotServer()
        defer { feed.server.stop() }
        let folder = try TemporaryFolder("seedwatch-feed-e2e")
        let root = folder.url
        let url = feed.server.baseURL + "/cna/world.xml"
        let config = root.appendingPathComponent("seedwatch.yaml")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("drop"), withIntermediateDirectories: true)
        try """
        watches:
          - \(Paths.packageRoot.appendingPathComponent("seeds/china-russia-north-korea").path)
        drop_folder: {path: drop}
        alerts: {log: log/alerts.jsonl}
        state: {path: state/seedwatch.sqlite}
        feeds:
          - url: \(url)
            interval: 60s
            max_age: 3650d
        """.write(to: config, atomically: true, encoding: .utf8)
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let log = root.appendingPathComponent("log/alerts.jsonl")
        let drills = "US, South Korea to cut length, scope of military drills after Trump order"
        let warheads = "South Korea estimates North Korea has up to 120 nuclear warheads, far above Trump's figure"

        // Run 1: the first poll happens at start-up.
        var daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil)
        let deadline1 = Date().addingTimeInterval(30)
        while !Self.titles(log).contains(drills) && Date() < deadline1 { usleep(100_000) }
        #expect(Self.titles(log).contains(drills), "log:\n\(daemon.log.suffix(2000))")
        #expect(!Self.titles(log).contains(warheads))
        usleep(500_000)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        let firstRun = Self.titles(log)
        #expect(feed.server.requests.first?.header("If-None-Match") == nil)

        // Run 2: the feed has moved on; the restart waits for the stored next poll (a restart never
        // asks earlier than promised), then the stored validator is sent, and old items stay quiet.
        // Run 1 promised its interval plus jitter (60–66 s); the promise is moved to 8 s from now
        // so that the test does not wait a minute (the daemon is stopped while it is rewritten).
        let nextPoll = Date().addingTimeInterval(8)
        do {
            let store = try StateStore(path: root.appendingPathComponent("state/seedwatch.sqlite").path)
            var state = try #require(try store.feedState(url: url))
            let promised = try #require(state.nextPoll)
            #expect(promised.timeIntervalSince(try #require(state.lastFetch)) >= 60)
            state.nextPoll = nextPoll
            try store.saveFeedState(state)
        }
        feed.current.value.withLock { $0 = 2 }
        feed.server.clearRequests()
        let before = notify.received.count
        daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", from: before, timeout: 30) != nil)
        usleep(1_000_000)
        if Date() < nextPoll.addingTimeInterval(-1) { #expect(feed.server.requests.isEmpty) }
        let deadline2 = nextPoll.addingTimeInterval(30)
        while !Self.titles(log).contains(warheads) && Date() < deadline2 { usleep(100_000) }
        usleep(500_000)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        #expect(feed.server.requests.first?.header("If-None-Match") == "\"cna-1\"")
        let all = Self.titles(log)
        #expect(all.filter { $0 == drills }.count == 1)
        #expect(all.filter { $0 == warheads }.count == 1)
        #expect(Array(all.prefix(firstRun.count)) == firstRun)
        #expect(Set(all).count == all.count, "an item alerted twice: \(all)")
    }
}
