import CoreMetrics
import Foundation
import Prometheus

/// The daemon's metrics, through swift-metrics with swift-prometheus as its backend, named by
/// Prometheus conventions (`seedwatch_` prefix, units in the names, `_total` for counters):
///
/// | name | type | what |
/// |---|---|---|
/// | `seedwatch_files_processed_total` | counter | drop-folder files read and decided |
/// | `seedwatch_files_skipped_total` | counter | files skipped (already processed, unreadable, binary, unknown type) |
/// | `seedwatch_decisions_total` | counter | article × watch decisions |
/// | `seedwatch_alerts_written_total` | counter | alert lines written |
/// | `seedwatch_errors_total` | counter | state or alert-log errors |
/// | `seedwatch_read_bytes_total` | counter | bytes of dropped files read |
/// | `seedwatch_decision_duration_seconds` | histogram | from taking a file (or feed item batch) to its decision |
/// | `seedwatch_feed_fetch_duration_seconds{outcome}` | histogram | one feed transfer (libcurl's total time); `outcome` is `ok`, `not_modified` or `error` |
/// | `seedwatch_drop_queue_files` | gauge | ready files not yet taken |
/// | `seedwatch_deferred_files` | gauge | files waiting for a retry after a state error |
/// | `seedwatch_feed_consecutive_failures{feed}` | gauge | per configured feed: failures in a row |
/// | `seedwatch_feeds_stopped` | gauge | feeds stopped by HTTP 410 |
/// | `seedwatch_start_time_seconds` | gauge | when the daemon started, Unix seconds |
///
/// Counters follow ``ArticleProcessor/Counters`` by difference at each ``update(_:)``.
///
/// Cardinality: the fetch-time histogram is labelled by outcome only (3 × 13 series), not by feed:
/// feed lists grow with `feeds import` to hundreds of URLs, and a per-feed histogram would cost 13
/// series per feed. What is per feed is one gauge (`seedwatch_feed_consecutive_failures`); the slow
/// feed itself is named by `seedwatch status` and the "feed polled" log lines.
package final class DaemonMetrics: @unchecked Sendable {
    /// What the metrics are read from at each update.
    package struct Snapshot: Sendable {
        package var counters: ArticleProcessor.Counters
        package var bytesRead: Int
        package var queuedFiles: Int
        package var deferredFiles: Int
        /// Configured feeds and their consecutive failures and stopped flag.
        package var feeds: [(url: String, failures: Int, stopped: Bool)]

        package init(counters: ArticleProcessor.Counters, bytesRead: Int, queuedFiles: Int, deferredFiles: Int,
                    feeds: [(url: String, failures: Int, stopped: Bool)]) {
            self.counters = counters
            self.bytesRead = bytesRead
            self.queuedFiles = queuedFiles
            self.deferredFiles = deferredFiles
            self.feeds = feeds
        }
    }

    /// The Prometheus registry behind the metrics (its text format is what ``TextfileWriter`` writes).
    package let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let filesProcessed, filesSkipped, decisions, alertsWritten, errors, bytesRead: CoreMetrics.Counter
    private let queued, deferred, stoppedFeeds, started: CoreMetrics.Gauge
    private let decisionDuration: CoreMetrics.Timer
    private let feedFetchDuration: [FeedFetchTiming.Outcome: CoreMetrics.Timer]
    private let lock = NSLock()
    private var last = Snapshot(counters: .init(), bytesRead: 0, queuedFiles: 0, deferredFiles: 0, feeds: [])
    private var feedGauges: [String: CoreMetrics.Gauge] = [:]

    /// - Parameter startTime: when the daemon started.
    package init(startTime: Date = Date()) {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Seconds, from 5 ms (a small text file) to 5 min (64 MiB in a slow build).
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300),
        ]
        // Seconds, from 50 ms (a 304 on a near host) to the fetcher's 30 s total timeout.
        factory.durationHistogramBuckets["seedwatch_feed_fetch_duration_seconds"] = [
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2),
            .seconds(5), .seconds(10), .seconds(20), .seconds(30),
        ]
        self.factory = factory
        filesProcessed = Counter(label: "seedwatch_files_processed_total", factory: factory)
        filesSkipped = Counter(label: "seedwatch_files_skipped_total", factory: factory)
        decisions = Counter(label: "seedwatch_decisions_total", factory: factory)
        alertsWritten = Counter(label: "seedwatch_alerts_written_total", factory: factory)
        errors = Counter(label: "seedwatch_errors_total", factory: factory)
        bytesRead = Counter(label: "seedwatch_read_bytes_total", factory: factory)
        queued = CoreMetrics.Gauge(label: "seedwatch_drop_queue_files", factory: factory)
        deferred = CoreMetrics.Gauge(label: "seedwatch_deferred_files", factory: factory)
        stoppedFeeds = CoreMetrics.Gauge(label: "seedwatch_feeds_stopped", factory: factory)
        started = CoreMetrics.Gauge(label: "seedwatch_start_time_seconds", factory: factory)
        decisionDuration = Timer(label: "seedwatch_decision_duration_seconds", factory: factory)
        feedFetchDuration = Dictionary(uniqueKeysWithValues: FeedFetchTiming.Outcome.allCases.map {
            ($0, Timer(label: "seedwatch_feed_fetch_duration_seconds", dimensions: [("outcome", $0.rawValue)], factory: factory))
        })
        started.record(startTime.timeIntervalSince1970.rounded(.down))
    }

    /// Records one article's duration, in seconds (``PipelineActivity/attachDurationObserver(_:)``).
    package func recordDecisionDuration(seconds: Double) {
        decisionDuration.recordNanoseconds(Int64(max(0, seconds) * 1e9))
    }

    /// Records one feed fetch's transfer time (``FeedPoller/attachFetchObserver(_:)``).
    package func recordFeedFetch(_ timing: FeedFetchTiming) {
        feedFetchDuration[timing.outcome]?.recordNanoseconds(Int64(max(0, timing.seconds) * 1e9))
    }

    /// Brings the counters and gauges up to `snapshot`.
    package func update(_ snapshot: Snapshot) {
        lock.lock()
        defer { lock.unlock() }
        func add(_ counter: CoreMetrics.Counter, _ now: Int, _ before: Int) { if now > before { counter.increment(by: now - before) } }
        add(filesProcessed, snapshot.counters.filesProcessed, last.counters.filesProcessed)
        add(filesSkipped, snapshot.counters.filesSkipped, last.counters.filesSkipped)
        add(decisions, snapshot.counters.decisions, last.counters.decisions)
        add(alertsWritten, snapshot.counters.alertsWritten, last.counters.alertsWritten)
        add(errors, snapshot.counters.errors, last.counters.errors)
        add(bytesRead, snapshot.bytesRead, last.bytesRead)
        queued.record(snapshot.queuedFiles)
        deferred.record(snapshot.deferredFiles)
        stoppedFeeds.record(snapshot.feeds.filter(\.stopped).count)
        for feed in snapshot.feeds {
            let gauge = feedGauges[feed.url] ?? CoreMetrics.Gauge(label: "seedwatch_feed_consecutive_failures", dimensions: [("feed", feed.url)],
                                                      factory: factory)
            feedGauges[feed.url] = gauge
            gauge.record(feed.failures)
        }
        last = snapshot
    }

    /// One `# HELP` text per metric name (swift-metrics has no help text; the exposition format
    /// allows a HELP line before each TYPE line, and `promtool check metrics` asks for it).
    static let help: [String: String] = [
        "seedwatch_files_processed_total": "Drop-folder files read and decided.",
        "seedwatch_files_skipped_total": "Drop-folder files skipped: already processed, unreadable, binary or of an unknown type.",
        "seedwatch_decisions_total": "Article and watch decisions made.",
        "seedwatch_alerts_written_total": "Alert lines written to the alert log.",
        "seedwatch_errors_total": "State database or alert log errors.",
        "seedwatch_read_bytes_total": "Bytes of drop-folder files read.",
        "seedwatch_decision_duration_seconds": "Time from taking a file or feed item batch to its decision.",
        "seedwatch_feed_fetch_duration_seconds": "Duration of one feed transfer, redirects included, by outcome (ok, not_modified, error).",
        "seedwatch_drop_queue_files": "Ready drop-folder files not yet taken.",
        "seedwatch_deferred_files": "Files waiting for a retry after a state or alert log error.",
        "seedwatch_feed_consecutive_failures": "Consecutive failed fetches of a configured feed.",
        "seedwatch_feeds_stopped": "Configured feeds stopped by HTTP 410.",
        "seedwatch_start_time_seconds": "When the daemon started, in Unix seconds.",
    ]

    /// The metrics in the Prometheus text exposition format, with a `# HELP` line per metric.
    package func exposition() -> [UInt8] {
        let text = String(decoding: registry.emitToBuffer(), as: UTF8.self)
        var out = ""
        out.reserveCapacity(text.utf8.count + 1024)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE "), let name = line.split(separator: " ").dropFirst(2).first,
               let help = Self.help[String(name)] {
                out += "# HELP \(name) \(help)\n"
            }
            out += line
            out += "\n"
        }
        if out.hasSuffix("\n\n") { out.removeLast() }
        return Array(out.utf8)
    }
}
