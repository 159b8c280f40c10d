import Foundation
import SeedwatchCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real daemon on a drop folder of N articles and reports its peak RSS (VmHWM).
enum DaemonRSS {
    static func measure(binary: String, articles: [Article], count: Int, work: URL, modelFolder: String) throws {
        let process = try DaemonDropFolder.start(binary: binary, articles: articles, count: count, work: work,
                                                 modelFolder: modelFolder)
        let start = Date()
        // The start-up scan finds all N files; wait until the state database has them all.
        var processed = 0
        var status = ""
        while Date().timeIntervalSince(start) < 1800 {
            usleep(250_000)
            status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
            processed = countProcessed(work.appendingPathComponent("state.sqlite").path)
            if processed >= count { break }
        }
        let elapsed = Date().timeIntervalSince(start)
        let hwm = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map(String.init) ?? "VmHWM unknown"
        let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS") }.map(String.init) ?? ""
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        print("daemon: \(processed) of \(count) articles in \(String(format: "%.1f s = %.0f articles/s (start-up and the 0.2 s settle included)", elapsed, Double(processed) / elapsed)); peak \(hwm.replacingOccurrences(of: "\t", with: " ")), now \(rss.replacingOccurrences(of: "\t", with: " "))")
    }

    /// Number of processed files recorded (via the sqlite3 shell when present).
    static func countProcessed(_ database: String) -> Int {
        FeedItemsBenchmark.count(database, "SELECT count(*) FROM processed_file;")
    }
}
