import Foundation
import Logging
import SeedwatchCore
import ServiceLifecycle

/// Writes `metrics.textfile` every `interval` seconds and once more at shutdown.
struct MetricsService: Service {
    let metrics: DaemonMetrics
    let path: String
    let dropFolder: DropFolderIntake
    var processor: ArticleProcessor { dropFolder.pipeline }
    let watcher: DropFolderWatcher
    let store: StateStore
    let feeds: @Sendable () -> [String]
    let logger: Logger
    var interval: Double = 10

    func run() async throws {
        var reported = false
        while true {
            await write(reported: &reported)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
            } catch {
                break
            }
            if Task.isShuttingDownGracefully { break }
        }
        await write(reported: &reported)
    }

    private func write(reported: inout Bool) async {
        let states = (try? store.allFeedStates()) ?? []
        let byURL = Dictionary(states.map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
        let snapshot = DaemonMetrics.Snapshot(
            counters: await processor.counters, bytesRead: processor.activity.totalBytesRead,
            queuedFiles: watcher.queuedFiles, deferredFiles: dropFolder.deferredFileCount,
            feeds: feeds().map { ($0, byURL[$0]?.consecutiveFailures ?? 0, byURL[$0]?.disabled ?? false) })
        metrics.update(snapshot)
        do {
            try MetricsTextfile.write(metrics.exposition(), to: path)
            reported = false
        } catch {
            if !reported {
                logger.error("cannot write metrics.textfile", metadata: ["path": "\(path)", "error": "\(error)"])
                reported = true
            }
        }
    }
}
