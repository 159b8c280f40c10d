import Foundation
import SeedwatchCore

/// Feed parsing throughput over every feed file of `feeds/real`: MB/s of raw bytes and feeds/s,
/// best of `repeat` rounds (each round parses every file once).
func runFeedParsingBenchmark(corpus: URL, repeat rounds: Int) {
    let e = FileManager.default.enumerator(at: corpus.appendingPathComponent("feeds/real"), includingPropertiesForKeys: nil)
    var feedFiles: [[UInt8]] = []
    while let u = e?.nextObject() as? URL {
        guard ["xml", "rss", "atom", "json"].contains(u.pathExtension), u.lastPathComponent != "index.jsonl" else { continue }
        if let d = FileManager.default.contents(atPath: u.path) { feedFiles.append(Array(d)) }
    }
    let feedBytes = feedFiles.reduce(0) { $0 + $1.count }
    var best = Double.infinity
    var parsed = 0, items = 0
    for _ in 0..<max(rounds, 1) {
        parsed = 0
        items = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for f in feedFiles {
            if let feed = try? FeedParser.parse(f) { parsed += 1; items += feed.items.count }
        }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print(String(format: "feed parsing (one core): %d files (%d parsed, %d items), %.1f MB in %.3f s = %.1f MB/s, %.0f feeds/s",
                 feedFiles.count, parsed, items, Double(feedBytes) / 1e6, best, Double(feedBytes) / 1e6 / best,
                 Double(feedFiles.count) / best))

    // The poller parses each feed in its own task, so feeds are parsed on every core at once.
    let threads = ProcessInfo.processInfo.activeProcessorCount
    let files = feedFiles
    var bestParallel = Double.infinity
    for _ in 0..<max(rounds, 1) {
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: files.count) { k in
            _ = try? FeedParser.parse(files[k])
        }
        bestParallel = min(bestParallel, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print(String(format: "feed parsing (%d cores, one feed per task as the poller does): %.3f s = %.1f MB/s, %.0f feeds/s",
                 threads, bestParallel, Double(feedBytes) / 1e6 / bestParallel, Double(feedFiles.count) / bestParallel))
}

/// Writes every parsed feed of `feeds/real` and of the conformance suites to `path`, one block per
/// file (path, then the parsed feed or the error), to compare parser versions byte for byte.
func dumpParsedFeeds(corpus: URL, to path: String) {
    var out = ""
    for folder in ["feeds/real", "feeds/suites"] {
        let e = FileManager.default.enumerator(at: corpus.appendingPathComponent(folder), includingPropertiesForKeys: nil)
        var urls: [URL] = []
        while let u = e?.nextObject() as? URL {
            if ["xml", "rss", "atom", "json", "rdf"].contains(u.pathExtension) { urls.append(u) }
        }
        for u in urls.sorted(by: { $0.path < $1.path }) {
            guard let d = FileManager.default.contents(atPath: u.path) else { continue }
            out += "== \(u.path)\n"
            do { out += "\(try FeedParser.parse(Array(d)))\n" } catch { out += "error: \(error)\n" }
        }
    }
    FileManager.default.createFile(atPath: path, contents: Data(out.utf8))
}
