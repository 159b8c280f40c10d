import Foundation
import Logging
import Synchronization

/// Sends `WATCHDOG=1` (sd_notify(3)) from a thread of its own, so that no amount of work on the
/// cooperative pool or in the pipeline can delay a ping — and pings only while the pipeline is
/// healthy (``PipelineActivity/isHealthy(now:markAtLastPing:computing:)``): idle, progressed (bytes
/// read or decisions made) since the last ping, or within the time budget of the article in hand
/// (short while its thread waits, long while it computes). A wedged pipeline stops pinging, and
/// systemd restarts the daemon after `WatchdogSec`.
package final class WatchdogPinger: Sendable {
    private let stopped = Atomic<Bool>(false)

    /// Starts pinging every `interval` seconds (systemd asks for `WatchdogSec/2`).
    /// - Parameters:
    ///   - interval: seconds between checks.
    ///   - activity: the pipeline's progress.
    ///   - logger: one WARNING when pings stop, one NOTICE when they resume.
    ///   - ping: sends `WATCHDOG=1` (``SystemdNotifier/watchdog()`` in the daemon).
    package init(interval: Double, activity: PipelineActivity, logger: Logger, ping: @escaping @Sendable () -> Void) {
        let thread = Thread { [weak self] in
            var mark = activity.progressMark
            var cpu = activity.cpuSeconds
            var withholding = false
            while true {
                Thread.sleep(forTimeInterval: interval)
                guard let self, !self.stopped.load(ordering: .relaxed) else { return }
                let now = PipelineActivity.monotonicSeconds()
                let cpuNow = activity.cpuSeconds
                // Computing: the pipeline's thread used at least a tenth of the interval on a core.
                let computing = cpuNow - cpu >= interval / 10
                cpu = cpuNow
                if activity.isHealthy(now: now, markAtLastPing: mark, computing: computing) {
                    mark = activity.progressMark
                    ping()
                    if withholding {
                        withholding = false
                        logger.notice("pipeline progressing again; watchdog pings resumed")
                    }
                } else if !withholding {
                    withholding = true
                    let hand = activity.current
                    logger.warning("pipeline made no progress within its budget; watchdog pings withheld (systemd restarts the daemon after WatchdogSec)",
                                   metadata: ["source": "\(hand?.subject ?? "-")",
                                              "stalled_s": "\(String(format: "%.1f", now - (hand?.lastProgress ?? now)))"])
                }
            }
        }
        thread.name = "seedwatch-watchdog"
        thread.start()
    }

    /// Stops pinging (at shutdown); the thread ends at its next wake-up.
    package func stop() { stopped.store(true, ordering: .relaxed) }
}
