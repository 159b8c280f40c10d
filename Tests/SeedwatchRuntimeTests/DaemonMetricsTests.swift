import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The daemon's metrics in the Prometheus text format, written atomically for node_exporter (issue 13).
@Suite("Daemon metrics")
struct DaemonMetricsTests {
    @Test func countersGaugesAndTheDecisionHistogramReachTheTextfile() async throws {
        let f = try PipelineFixture()
        let metrics = DaemonMetrics(startTime: Date(timeIntervalSince1970: 1_790_000_000))
        f.processor.activity.attachDurationObserver { metrics.recordDecisionDuration(seconds: $0) }
        let text = "Putin visits Pyongyang\n\nPutin arrived in Pyongyang.\n"
        await f.process(try f.drop("putin.txt", text))
        await f.process(try f.drop(Array("blob.txt".utf8), [0x00, 0x01, 0x00]))
        metrics.update(.init(counters: await f.processor.counters, bytesRead: f.processor.activity.totalBytesRead,
                             queuedFiles: 3, deferredFiles: 1,
                             feeds: [("https://example.org/rss", 2, false), ("https://example.org/gone", 0, true)]))
        let path = f.folder.url("metrics/seedwatch.prom").path
        try f.folder.makeFolder("metrics")
        try MetricsTextfile.write(metrics.exposition(), to: path)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.folder.url("metrics").path) == ["seedwatch.prom"])
        let lines = Set(written.split(separator: "\n").map(String.init))
        for expected in [
            "# HELP seedwatch_files_processed_total Drop-folder files read and decided.",
            "# TYPE seedwatch_files_processed_total counter", "seedwatch_files_processed_total 1",
            "seedwatch_files_skipped_total 1", "seedwatch_decisions_total 1", "seedwatch_alerts_written_total 1",
            "seedwatch_errors_total 0", "seedwatch_read_bytes_total 55",
            "# TYPE seedwatch_drop_queue_files gauge", "seedwatch_drop_queue_files 3.0", "seedwatch_deferred_files 1.0",
            "seedwatch_feeds_stopped 1.0", "seedwatch_start_time_seconds 1790000000.0",
            "seedwatch_feed_consecutive_failures{feed=\"https://example.org/rss\"} 2.0",
            "# TYPE seedwatch_decision_duration_seconds histogram", "seedwatch_decision_duration_seconds_count 2",
        ] {
            #expect(lines.contains(expected), "missing \(expected) in:\n\(written)")
        }
        // Counters follow the processor by difference: a second update with the same figures adds nothing.
        metrics.update(.init(counters: await f.processor.counters, bytesRead: f.processor.activity.totalBytesRead,
                             queuedFiles: 0, deferredFiles: 0, feeds: []))
        let again = Set(String(decoding: metrics.exposition(), as: UTF8.self).split(separator: "\n").map(String.init))
        #expect(again.contains("seedwatch_files_processed_total 1"))
        #expect(again.contains("seedwatch_drop_queue_files 0.0"))
    }
}
