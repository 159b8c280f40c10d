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
                let computing = WatchdogPinger.isComputing(cpuSeconds: cpuNow - cpu, interval: interval)
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

    /// Whether the pipeline's thread counts as computing over one check `interval` (seconds), given
    /// the CPU time it used meanwhile (`cpuSeconds`): at least a thousandth of the interval (1 ms
    /// per second). A thread blocked on a lock or on I/O uses none; a thread that computes while
    /// the machine is overloaded may get only a few percent of a core (at a load of 20 on 2 cores,
    /// a tenth or less), and is still computing, not wedged.
    package static func isComputing(cpuSeconds: Double, interval: Double) -> Bool {
        cpuSeconds >= interval / 1000
    }

    /// Stops pinging (at shutdown); the thread ends at its next wake-up.
    package func stop() { stopped.store(true, ordering: .relaxed) }
}
