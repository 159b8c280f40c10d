import Foundation
import SeedwatchCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real daemon on a drop folder of N queued articles, sends SIGTERM once it has decided
/// a few, and reports how long the stop took (issue 13: under 2 s at any backlog).
enum DaemonStop {
    static func measure(binary: String, articles: [Article], count: Int, work: URL, modelFolder: String) throws {
        let drop = work.appendingPathComponent("drop")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        for i in 0..<count {
            let a = articles[i % articles.count]
            let text = a.title + "\n" + a.body + "\n[\(i)]\n"
            _ = FileManager.default.createFile(atPath: drop.appendingPathComponent("a\(i).txt").path, contents: Data(text.utf8))
        }
        let config = work.appendingPathComponent("c.yaml")
        try """
        watches: [\(modelFolder)]
        drop_folder: {path: drop, settle: 0.2s}
        alerts: {log: alerts.jsonl}
        state: {path: state.sqlite}
        """.write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["run", "--config", config.path, "--log-level", "error"]
        process.standardError = FileHandle.nullDevice
        try process.run()
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
