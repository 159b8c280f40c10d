import Foundation
import SeedwatchCore
import SeedwatchTesting
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12's copy evaluation through the built daemon: the originals in one loopback feed (the
/// desk feed, polled at start-up), then each original's first copy (``StoryCopyMaker``: the same
/// link with `utm_*` parameters) in a second loopback feed (the world feed, added by a reload) and
/// its second copy (an aggregator's link with `fbclid`) dropped into the drop folder as a JSON
/// article. Two loopback webhooks receive what the outputs send: one with `per: story` (the
/// default), one with `per: alert`.
struct StoryCopiesRun {
    /// An alert line, with what the evaluation reads of it.
    struct Line {
        var id: String
        var story: String
        var size: Int
        var isRepeat: Bool
        var level: String
        var actors: [String]
        /// The original's index, and the copy's number (`nil` for the original itself).
        var original: Int
        var copy: Int?
    }

    let originals: [LabelledOriginal]
    /// The alert lines in log order, those of articles of this run only.
    private(set) var lines: [Line] = []
    /// Bodies the `per: story` webhook received (decoded alert lines), in order.
    private(set) var storyMessages: [[String: Any]] = []
    /// Number of requests the `per: alert` webhook received.
    private(set) var alertMessages = 0
    /// The daemon's exit status after SIGTERM, `nil` when it had to be killed.
    private(set) var exitStatus: Int32?
    /// The end of the daemon's log, for failure messages.
    private(set) var daemonLog = ""

    /// Runs the daemon `binary` on a fresh folder; returns when every expected line (an original
    /// and its two copies each) was written and delivered, or after `timeout` seconds per phase.
    init(originals: [LabelledOriginal], binary: URL, timeout: Double) throws {
        self.originals = originals
        let links = originals.enumerated().map { i, o in o.article.url ?? "https://news.example.org/original/\(i)" }
        let copies = originals.enumerated().map { i, o in StoryCopyMaker.copies(of: o.article, index: i, link: links[i]) }
        let desk = try Self.feedServer(Self.rss(title: "Desk", items: originals.enumerated().map { i, o in
            (guid: "original-\(i)", article: o.article, link: links[i])
        }))
        defer { desk.stop() }
        let world = try Self.feedServer(Self.rss(title: "World", items: copies.enumerated().map { i, c in
            (guid: "copy-\(i)-0", article: c[0], link: c[0].url ?? "")
        }))
        defer { world.stop() }
        let storyHook = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: 204) }
        defer { storyHook.stop() }
        let alertHook = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: 204) }
        defer { alertHook.stop() }

        let folder = try TemporaryFolder("seedwatch-story-copies")
        let root = folder.url
        try FileManager.default.createDirectory(at: root.appendingPathComponent("drop"), withIntermediateDirectories: true)
        let config = root.appendingPathComponent("seedwatch.yaml")
        func writeConfig(feeds: [String]) throws {
            try """
            watches:
              - \(Paths.packageRoot.appendingPathComponent("seeds/china-russia-north-korea").path)
            drop_folder: {path: drop, settle: 0.2s}
            alerts: {log: log/alerts.jsonl}
            state: {path: state/seedwatch.sqlite}
            feeds:
            \(feeds.map { "  - {url: \"\($0)\", interval: 60s, max_age: 36500d}\n" }.joined())outputs:
              - {type: webhook, name: story-hook, url: "\(storyHook.baseURL)/story", min_level: notice}
              - {type: webhook, name: alert-hook, url: "\(alertHook.baseURL)/alert", min_level: notice, per: alert}

            """.write(to: config, atomically: true, encoding: .utf8)
        }
        try writeConfig(feeds: [desk.baseURL + "/desk.rss"])
        let log = root.appendingPathComponent("log/alerts.jsonl")
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"),
                                       binary: binary)
        _ = notify.wait(for: "READY=1", timeout: 60)

        // Phase 1: the desk feed's originals, polled at start-up.
        Self.waitForLines(log, expected: originals.count, timeout: timeout) { !desk.requests.isEmpty }
        // Phase 2: the world feed (added by a reload, polled at once) and the dropped copies.
        try writeConfig(feeds: [desk.baseURL + "/desk.rss", world.baseURL + "/world.rss"])
        daemon.signal(SIGHUP)
        for (i, c) in copies.enumerated() {
            try Self.json(c[1]).write(to: root.appendingPathComponent("drop/copy-\(i)-1.json"))
        }
        Self.waitForLines(log, expected: originals.count * (1 + StoryCopyMaker.count), timeout: timeout) { !world.requests.isEmpty }
        usleep(1_000_000)   // a late line would show here
        let written = Self.read(log)
        let firstsAndUpdates = written.filter { !$0.isRepeat }.count
        _ = waitUntil(timeout) { alertHook.requests.count >= written.count && storyHook.requests.count >= firstsAndUpdates }
        usleep(1_000_000)   // a message sent for a repeat would show here
        daemon.signal(SIGTERM)
        exitStatus = daemon.waitForExit(timeout: 30)
        daemonLog = String(daemon.log.suffix(3000))
        storyMessages = storyHook.requests.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }
        alertMessages = alertHook.requests.count
        lines = Self.read(log)
    }

    // MARK: - Reading the alert log

    /// Waits until `log` has `expected` lines or, once `started` holds (the feed was fetched), has
    /// had no new line for `quiet` seconds (an article below the levels writes none); at most `timeout` seconds.
    static func waitForLines(_ log: URL, expected: Int, timeout: Double, quiet: Double = 4, started: () -> Bool) {
        var last = -1
        var since = Date()
        _ = waitUntil(timeout) {
            let count = lineCount(log)
            if count != last || !started() { (last, since) = (count, Date()) }
            return count >= expected || Date().timeIntervalSince(since) >= quiet
        }
    }

    static func lineCount(_ log: URL) -> Int {
        (FileManager.default.contents(atPath: log.path) ?? Data()).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The alert lines, each tied to its article by the feed item's GUID (`original-N`,
    /// `copy-N-0`) or the dropped file's name (`copy-N-1.json`).
    static func read(_ log: URL) -> [Line] {
        guard let data = FileManager.default.contents(atPath: log.path) else { return [] }
        return data.split(separator: 0x0A).compactMap { bytes -> Line? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
                  let source = object["source"] as? [String: Any] else { return nil }
            let name = (source["guid"] as? String) ?? ((source["path"] as? String)?.split(separator: "/").last.map {
                String($0.dropLast(".json".count))
            } ?? "")
            let parts = name.split(separator: "-")
            guard parts.count >= 2, let original = Int(parts[1]) else { return nil }
            return Line(id: object["id"] as? String ?? "", story: object["story"] as? String ?? "",
                        size: object["story_size"] as? Int ?? 0, isRepeat: object["repeat"] as? Bool ?? false,
                        level: object["level"] as? String ?? "",
                        actors: (object["actors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String },
                        original: original, copy: parts.count == 3 ? Int(parts[2]) : nil)
        }
    }

    // MARK: - What is served and dropped

    static func feedServer(_ body: [UInt8]) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { _ in
            LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml")], body: .bytes(body))
        }
    }

    /// An RSS 2.0 document: each item's paragraphs as HTML `<p>` in its description, its
    /// published instant as `pubDate` (RFC 822).
    static func rss(title: String, items: [(guid: String, article: Article, link: String)]) -> [UInt8] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        var xml = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>"# + title + "</title>\n"
        for item in items {
            let html = LabelledOriginal.paragraphs(of: item.article).map { "<p>" + escape($0) + "</p>" }.joined()
            xml += "<item><guid isPermaLink=\"false\">\(item.guid)</guid><title>\(escape(item.article.title))</title>"
                + "<link>\(escape(item.link))</link><description>\(escape(html))</description>"
                + "<pubDate>\(formatter.string(from: item.article.published ?? Date()))</pubDate></item>\n"
        }
        return Array((xml + "</channel></rss>\n").utf8)
    }

    /// A news-scraper JSON article (`title`, `text`, `date_publish`, `url`), as the drop folder reads it.
    static func json(_ article: Article) throws -> Data {
        try JSONSerialization.data(withJSONObject: [
            "title": article.title, "text": article.body, "url": article.url ?? "",
            "date_publish": ISO8601DateFormatter().string(from: article.published ?? Date()),
        ], options: [.sortedKeys])
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
