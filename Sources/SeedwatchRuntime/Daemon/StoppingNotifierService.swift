import Logging
import ServiceLifecycle

/// Sends `STOPPING=1` as soon as a graceful shutdown begins (it is the last service, so it is
/// told first).
struct StoppingNotifierService: Service {
    let notifier: SystemdNotifier
    let logger: Logger
    let activity: PipelineActivity
    /// How long the article in hand may take before it is abandoned (``StopDeadline``).
    let graceSeconds: Double

    func run() async throws {
        try? await gracefulShutdown()
        guard !Task.isCancelled else { return }
        activity.requestStop()
        notifier.stopping()
        logger.info("stopping: finishing the article in hand; the backlog waits for the next start")
        StopDeadline.arm(graceSeconds: graceSeconds, activity: activity, logger: logger)
    }
}
