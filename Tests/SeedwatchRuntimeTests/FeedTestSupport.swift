import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// `../shared` beside the package root, and the real feed snapshots in it.
enum FeedCorpus {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let cnaWorld = shared.appendingPathComponent("corpus/feeds/real/laapy-news-rss-pool/cna-world")
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: cnaWorld.path) }

    /// The CNA world snapshots in time order (`index.jsonl`): 2026-08-18, -20, -21, -22.
    static let cnaSnapshots = ["2026-08-18_1636_77c2922f.xml", "2026-08-20_0349_ea000bf6.xml",
                               "2026-08-21_0441_ecdff5f5.xml", "2026-08-22_2150_2e794b50.xml"]

    static func cna(_ index: Int) -> [UInt8] {
        Array(FileManager.default.contents(atPath: cnaWorld.appendingPathComponent(cnaSnapshots[index]).path) ?? Data())
    }

    /// The shipped watch (`seeds/china-russia-north-korea`).
    static func shippedWatch() throws -> CompiledWatch {
        let path = packageRoot.appendingPathComponent("seeds/china-russia-north-korea/model.yaml").path
        let bytes = Array(FileManager.default.contents(atPath: path) ?? Data())
        return CompiledWatch(model: try ModelLoader.load(bytes: bytes, file: path, watch: "china-russia-north-korea"))
    }
}

/// Mutable routes for a ``LoopbackHTTPServer``: path → reply function (given the request and how
/// many times that path was requested before).
final class FeedRoutes: @unchecked Sendable {
    typealias Route = @Sendable (LoopbackHTTPRequest, Int) -> LoopbackHTTPReply
    private let lock = NSLock()
    private var routes: [String: Route] = [:]
    private var hits: [String: Int] = [:]

    func set(_ path: String, _ route: @escaping Route) {
        lock.withLock { routes[path] = route }
    }

    func reply(_ request: LoopbackHTTPRequest) -> LoopbackHTTPReply {
        let (route, count): (Route?, Int) = lock.withLock {
            let n = hits[request.target, default: 0]
            hits[request.target] = n + 1
            return (routes[request.target], n)
        }
        return route?(request, count) ?? LoopbackHTTPReply(status: 404, body: .bytes(Array("not found".utf8)))
    }

    /// A server answering from these routes.
    func server() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { [self] request in reply(request) }
    }

    /// A feed document with a strong validator: 304 when `If-None-Match` or `If-Modified-Since`
    /// matches (RFC 9110 §13.1.1–2), else 200 with `ETag` and `Last-Modified`.
    static func document(_ body: [UInt8], etag: String, lastModified: String,
                         contentType: String = "application/rss+xml; charset=utf-8") -> LoopbackHTTPReply {
        LoopbackHTTPReply(status: 200, headers: [("Content-Type", contentType), ("ETag", etag), ("Last-Modified", lastModified)],
                          body: .bytes(body))
    }

    static func conditional(_ request: LoopbackHTTPRequest, body: [UInt8], etag: String, lastModified: String) -> LoopbackHTTPReply {
        if request.header("If-None-Match") == etag || (request.header("If-None-Match") == nil && request.header("If-Modified-Since") == lastModified) {
            return LoopbackHTTPReply(status: 304, headers: [("ETag", etag), ("Last-Modified", lastModified)])
        }
        return document(body, etag: etag, lastModified: lastModified)
    }

    static func redirect(_ status: Int, to location: String) -> LoopbackHTTPReply {
        LoopbackHTTPReply(status: status, headers: [("Location", location)])
    }
}

/// gzip of `bytes` via `/bin/gzip -c -1`.
func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c", "-1"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let writer = Thread {
        input.fileHandleForWriting.write(Data(bytes))
        try? input.fileHandleForWriting.close()
    }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
}

/// A pipeline (shipped watch, state database, alert log) and a poller over a fetcher, in a temporary folder.
struct FeedPollerFixture {
    let folder: TemporaryFolder
    let store: StateStore
    let writer: AlertLogWriter
    let processor: ArticleProcessor
    let recorder = LogRecorder()
    let clock: ManualFeedPollClock

    init(folder existing: TemporaryFolder? = nil, watches: [CompiledWatch]? = nil,
         start: Date = Date(timeIntervalSince1970: 1_787_288_400)) throws {  // 2026-08-21T05:00:00Z
        folder = try existing ?? TemporaryFolder("feed-poller")
        store = try StateStore(path: folder.file("state/seedwatch.sqlite"))
        writer = try AlertLogWriter(path: folder.file("log/alerts.jsonl"))
        let outbox = OutboxDelivery(store: store, sink: writer)
        clock = ManualFeedPollClock(start: start)
        let clock = self.clock
        processor = ArticleProcessor(watches: try watches ?? [FeedCorpus.shippedWatch()], store: store, outbox: outbox,
                                     logger: recorder.logger(), now: { clock.now() })
    }

    func poller(_ feeds: [SeedwatchConfiguration.Feed], fetcher: any FeedFetching, staleAfterSeconds: Double = 86_400) -> FeedPoller {
        FeedPoller(feeds: feeds, fetcher: fetcher, store: store, processor: processor, clock: clock,
                   logger: recorder.logger(), jitter: { 0 }, staleAfterSeconds: staleAfterSeconds)
    }

    /// Titles of the lines in the alert log, in order.
    func alertTitles() -> [String] {
        splitLines(folder.bytes("log/alerts.jsonl")).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line))) .flatMap { ($0 as? [String: Any])?["title"] as? String }
        }
    }

    /// The alert log's lines as JSON objects.
    func alertObjects() -> [[String: Any]] {
        splitLines(folder.bytes("log/alerts.jsonl")).compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any]
        }
    }
}

/// A feed configuration with a wide `max_age` (the snapshots are from August 2026).
func feedConfig(_ url: String, interval: Double = 900, maxAge: Double = 365 * 86400, maxBytes: Int = 32 * 1024 * 1024) -> SeedwatchConfiguration.Feed {
    var feed = SeedwatchConfiguration.Feed(url: url)
    feed.intervalSeconds = interval
    feed.maxAgeSeconds = maxAge
    feed.maxBytes = maxBytes
    return feed
}
