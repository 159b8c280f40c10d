import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
#if canImport(Glibc)
import Glibc
#endif

/// One feed document of N new items (issue 11), served over loopback and polled once through
/// ``FeedPoller`` with the shipped model, the state database and the alert log: prints the time to
/// decide every item and the process's peak RSS. Shapes: `dated` (a minute apart), `undated`
/// (JSON Feed without dates), `same-date` (one pubDate); every tenth item names Putin and Kim Jong Un.
func feedItemsBenchmark(items count: Int, shape: String, modelPath: String) async throws {
    let model = try ModelLoader.load(bytes: Array(FileManager.default.contents(atPath: modelPath)!), file: modelPath,
                                     watch: "china-russia-north-korea")
    let (contentType, document) = benchmarkFeed(items: count, shape: shape)
    let server = try LoopbackHTTPServer { _ in
        LoopbackHTTPReply(status: 200, headers: [("Content-Type", contentType)], body: .bytes(document))
    }
    defer { server.stop() }
    let folder = NSTemporaryDirectory() + "seedwatch-bench-items-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try StateStore(path: folder + "/state.sqlite")
    let writer = try AlertLogWriter(path: folder + "/alerts.jsonl")
    let logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
    let processor = ArticleProcessor(watches: [CompiledWatch(model: model)], store: store,
                                     outbox: OutboxDelivery(store: store, sink: writer), logger: logger)
    var feed = SeedwatchConfiguration.Feed(url: server.baseURL + "/feed")
    feed.maxBytes = 1 << 30
    feed.maxAgeSeconds = 3650 * 86400
    let fetcher = CurlFetcher()
    defer { fetcher.shutdown() }
    let poller = FeedPoller(feeds: [feed], fetcher: fetcher, store: store, processor: processor, logger: logger)
    let start = DispatchTime.now().uptimeNanoseconds
    let report = await poller.poll(feed)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    print(String(format: "feed items: %d new items (\(shape), %.1f MB document) decided in %.1f s = %.0f items/s; %d alerts; peak RSS %.0f MB",
                 report.items, Double(document.count) / 1e6, seconds, Double(report.items) / seconds,
                 report.alerts.count, Double(usage.ru_maxrss) / 1024))
}

/// The generated feed document: (Content-Type, bytes).
func benchmarkFeed(items count: Int, shape: String) -> (String, [UInt8]) {
    func title(_ i: Int) -> String {
        i % 10 == 0 ? "Putin and Kim Jong Un meet in Pyongyang, report \(i)" : "Regional weather and markets, report \(i)"
    }
    func body(_ i: Int) -> String {
        i % 10 == 0
            ? "Report \(i). Vladimir Putin and Kim Jong Un signed a mutual defence treaty in Pyongyang; Russia and North Korea pledged military help despite sanctions, while Xi Jinping watched from Beijing."
            : "Report \(i). Rain is expected along the coast tomorrow; markets closed higher on strong trading in local shares."
    }
    var text = ""
    if shape == "undated" {
        text = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Bench\",\"items\":["
        for i in 0..<count {
            text += (i > 0 ? "," : "") + "{\"id\":\"item-\(i)\",\"title\":\"\(title(i))\",\"content_text\":\"\(body(i))\",\"url\":\"https://news.example/\(i)\"}"
        }
        return ("application/feed+json", Array((text + "]}").utf8))
    }
    text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Bench</title>"
    let base = Date().addingTimeInterval(-3600)
    for i in 0..<count {
        let date = shape == "same-date" ? base : base.addingTimeInterval(-60 * Double(i))
        text += "<item><guid>item-\(i)</guid><title>\(title(i))</title><link>https://news.example/\(i)</link>"
            + "<description>\(body(i))</description><pubDate>\(rfc822(date))</pubDate></item>"
    }
    return ("application/rss+xml", Array((text + "</channel></rss>").utf8))
}

private func rfc822(_ date: Date) -> String {
    var t = time_t(date.timeIntervalSince1970)
    var parts = tm()
    gmtime_r(&t, &parts)
    var buffer = [CChar](repeating: 0, count: 64)
    let n = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
    return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Runs ``feedItemsBenchmark(items:shape:modelPath:)`` from synchronous top-level code.
func runFeedItemsBenchmark(items: Int, shape: String, modelPath: String) {
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            try await feedItemsBenchmark(items: items, shape: shape, modelPath: modelPath)
        } catch {
            print("feed items benchmark failed: \(error)")
        }
        done.signal()
    }
    done.wait()
}
