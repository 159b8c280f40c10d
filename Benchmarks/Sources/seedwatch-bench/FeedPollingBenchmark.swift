import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
#if canImport(Glibc)
import Glibc
#endif

/// Polling N loopback feeds that all answer 304 Not Modified, at a given concurrency: once through
/// ``CurlFetcher`` alone (N conditional GETs) and once through ``FeedPoller`` (state read, fetch,
/// state write per feed, as the daemon does). Prints wall time and process CPU time; the loopback
/// server runs in the same process, so CPU includes its threads.
func feedPollingBenchmark(feeds count: Int = 1000, concurrency: Int = 16) async throws {
    let body = Array("<rss version=\"2.0\"><channel><title>T</title></channel></rss>".utf8)
    let server = try LoopbackHTTPServer { request in
        let tag = "\"\(request.target)\""
        if request.header("If-None-Match") == tag {
            return LoopbackHTTPReply(status: 304, headers: [("ETag", tag)])
        }
        return LoopbackHTTPReply(status: 200, headers: [("ETag", tag), ("Content-Type", "application/rss+xml")], body: .bytes(body))
    }
    defer { server.stop() }
    let urls = (0..<count).map { server.baseURL + "/feed/\($0)" }
    let folder = NSTemporaryDirectory() + "seedwatch-bench-feeds-\(UUID().uuidString.prefix(8))"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // The fetcher and, over a state database (WAL, synchronous=FULL: one transaction per feed), the poller.
    let probe = try FeedPollingProbe(urls: urls, concurrency: concurrency, folder: folder)
    defer { probe.shutdown() }

    // Warm-up: one full fetch per feed, so every later request carries a validator.
    await probe.fetchAll(urls.map { (url: $0, etag: nil) })
    let conditional = urls.map { (url: $0, etag: Optional("\"\(URL(string: $0)!.path)\"")) }
    var statuses: [Int] = []
    let (wall, cpu) = try await measure { statuses = await probe.fetchAll(conditional) }
    let notModified = statuses.filter { $0 == 304 }.count
    print(String(format: "feed polling, fetcher only: %d conditional GETs (%d answered 304) at concurrency %d: wall %.3f s, CPU %.3f s",
                 count, notModified, concurrency, wall, cpu))

    await probe.pollAll()  // first fetch: 200, validators stored
    var polled: [Int?] = []
    let (pollWall, pollCPU) = try await measure { polled = await probe.pollAll() }
    print(String(format: "feed polling, FeedPoller: %d feeds (%d answered 304) at concurrency %d: wall %.3f s, CPU %.3f s",
                 count, polled.filter { $0 == 304 }.count, concurrency, pollWall, pollCPU))
}

private func measure(_ body: () async throws -> Void) async throws -> (wall: Double, cpu: Double) {
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    let cpu0 = cpuSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds() - cpu0)
}

/// Runs ``feedPollingBenchmark(feeds:concurrency:)`` from synchronous top-level code.
func runFeedPollingBenchmark(feeds: Int = 1000, concurrency: Int = 16) {
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            try await feedPollingBenchmark(feeds: feeds, concurrency: concurrency)
        } catch {
            print("feed polling benchmark failed: \(error)")
        }
        done.signal()
    }
    done.wait()
}
