import Logging
import ServiceLifecycle

/// The alert log's delivery service, besides the append made in line with each decision: retries
/// alerts left pending for the log by a failed append (through the sink's reconciliation), and
/// drop-folder files deferred by a state database error, every `interval` seconds (DESIGN §7 outbox).
/// The other sinks each have an ``OutputDeliveryService``.
/// Also notices the state database being deleted or replaced under the daemon (one ERROR line),
/// within ``replacedCheckInterval`` seconds (one `stat(2)` each time).
struct OutboxRetryService: Service {
    let dropFolder: DropFolderIntake
    var processor: ArticleProcessor { dropFolder.pipeline }
    let store: StateStore
    let logger: Logger
    var interval: Double = 30
    /// How often, in seconds, the database file is checked (tryout F12: it took up to a minute).
    var replacedCheckInterval: Double = 2

    func run() async throws {
        var reportedReplaced = false
        let tick = min(interval, replacedCheckInterval)
        var sinceRetry = 0.0
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(tick)) }
            } catch {
                return
            }
            if !reportedReplaced, store.fileWasReplaced {
                reportedReplaced = true
                logger.error("the state database was deleted or replaced while running; restart seedwatch (alerts already in the log are not written again after a restart)",
                             metadata: ["path": "\(store.path)"])
            }
            sinceRetry += tick
            guard sinceRetry >= interval else { continue }
            sinceRetry = 0
            await processor.retryPendingAlerts()
            await dropFolder.retryDeferredFiles()
        }
    }
}
