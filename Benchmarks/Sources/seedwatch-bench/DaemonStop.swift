import Foundation
import SeedwatchCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real daemon on a drop folder of N queued articles, sends SIGTERM once it has decided
/// a few, and reports how long the stop took (issue 13: under 2 s at any backlog).
enum DaemonStop {
    static func measure(binary: String, articles: [Article], count: Int, work: URL, modelFolder: String) throws {
        let process = try DaemonDropFolder.start(binary: binary, articles: articles, count: count, work: work,
                                                 modelFolder: modelFolder, clear: true)
        let start = Date()
        var before = 0
        while Date().timeIntervalSince(start) < 300 {
            usleep(200_000)
            before = DaemonRSS.countProcessed(work.appendingPathComponent("state.sqlite").path)
            if before >= 20 { break }
        }
        let stopAsked = Date()
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let stopSeconds = Date().timeIntervalSince(stopAsked)
        let after = DaemonRSS.countProcessed(work.appendingPathComponent("state.sqlite").path)
        print(String(format: "daemon stop: %ld files queued, %ld processed at SIGTERM, %ld at exit; stop took %.2f s (exit status %d)",
                     count, before, after, stopSeconds, process.terminationStatus))
    }
}
