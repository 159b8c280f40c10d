import Logging
import ServiceLifecycle

/// The alert log's delivery service, besides the append made in line with each decision: retries
/// alerts left pending for the log by a failed append (through the sink's reconciliation), and
/// drop-folder files deferred by a state database error, every `interval` seconds (DESIGN §7 outbox).
/// The other sinks each have an ``OutputDeliveryService``.
/// Also notices the state database being deleted or replaced under the daemon (one ERROR line).
struct OutboxRetryService: Service {
    let dropFolder: DropFolderIntake
    var processor: ArticleProcessor { dropFolder.pipeline }
    let store: StateStore
    let logger: Logger
    var interval: Double = 30

    func run() async throws {
        var reportedReplaced = false
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
            } catch {
                return
            }
            if !reportedReplaced, store.fileWasReplaced {
                reportedReplaced = true
                logger.error("the state database was deleted or replaced while running; restart seedwatch (alerts already in the log are not written again after a restart)",
                             metadata: ["path": "\(store.path)"])
            }
            await processor.retryPendingAlerts()
            await dropFolder.retryDeferredFiles()
        }
    }
}
