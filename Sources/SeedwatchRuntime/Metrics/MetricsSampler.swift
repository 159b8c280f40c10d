import Foundation
import SeedwatchCore

/// Brings ``DaemonMetrics`` up to date from the running daemon's parts and renders the exposition:
/// what `metrics.textfile` writes every 10 s and what `metrics.listen` serves at each scrape.
struct MetricsSampler: Sendable {
    let metrics: DaemonMetrics
    let dropFolder: DropFolderIntake
    let watcher: DropFolderWatcher
    let store: StateStore
    /// The configured feeds' URLs now (a reload changes them).
    let feeds: @Sendable () -> [String]

    /// Updates the counters and gauges, then returns the Prometheus text exposition (UTF-8 bytes).
    func sample() async -> [UInt8] {
        let processor = dropFolder.pipeline
        let states = (try? store.allFeedStates()) ?? []
        let byURL = Dictionary(states.map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
        let snapshot = DaemonMetrics.Snapshot(
            counters: await processor.counters, bytesRead: processor.activity.totalBytesRead,
            queuedFiles: watcher.queuedFiles, deferredFiles: dropFolder.deferredFileCount,
            feeds: feeds().map { ($0, byURL[$0]?.consecutiveFailures ?? 0, byURL[$0]?.disabled ?? false) })
        metrics.update(snapshot)
        return metrics.exposition()
    }
}
