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
            var check = WatchdogCheck(activity: activity, interval: interval)
            while true {
                Thread.sleep(forTimeInterval: interval)
                guard let self, !self.stopped.load(ordering: .relaxed) else { return }
                switch check.next(now: PipelineActivity.monotonicSeconds(), cpuSeconds: activity.cpuSeconds) {
                case .ping: ping()
                case .pingAndResume:
                    ping()
                    logger.notice("pipeline progressing again; watchdog pings resumed")
                case .withhold(let subject, let stalledSeconds):
                    logger.warning("pipeline made no progress within its budget; watchdog pings withheld (systemd restarts the daemon after WatchdogSec)",
                                   metadata: ["source": "\(subject ?? "-")", "stalled_s": "\(String(format: "%.1f", stalledSeconds))"])
                case .stillWithholding: break
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

/// One check of ``WatchdogPinger``, apart from its thread and clock: whether to ping now, given the
/// monotonic time and the pipeline thread's CPU clock, and what changed since the last check.
package struct WatchdogCheck {
    /// What a check decided.
    package enum Outcome: Equatable, Sendable {
        /// The pipeline is healthy: send `WATCHDOG=1`.
        case ping
        /// Healthy again after pings were withheld: ping and log that they resumed.
        case pingAndResume
        /// Unhealthy for the first time since the last ping: withhold, and log the article in
        /// hand (`nil` when none) and for how long (seconds) it made no progress.
        case withhold(subject: String?, stalledSeconds: Double)
        /// Still unhealthy: withhold again, without a log line.
        case stillWithholding
    }

    private let activity: PipelineActivity
    private let interval: Double
    private var mark: Int
    private var cpu: Double
    private var withholding = false

    /// A check of `activity` every `interval` seconds, starting from its present progress and CPU clock.
    package init(activity: PipelineActivity, interval: Double) {
        self.activity = activity
        self.interval = interval
        mark = activity.progressMark
        cpu = activity.cpuSeconds
    }

    /// The check at monotonic time `now` (seconds, ``PipelineActivity/monotonicSeconds()``), when the
    /// pipeline thread's CPU clock reads `cpuSeconds`.
    package mutating func next(now: Double, cpuSeconds: Double) -> Outcome {
        let computing = WatchdogPinger.isComputing(cpuSeconds: cpuSeconds - cpu, interval: interval)
        cpu = cpuSeconds
        if activity.isHealthy(now: now, markAtLastPing: mark, computing: computing) {
            mark = activity.progressMark
            defer { withholding = false }
            return withholding ? .pingAndResume : .ping
        }
        if withholding { return .stillWithholding }
        withholding = true
        let hand = activity.current
        return .withhold(subject: hand?.subject, stalledSeconds: now - (hand?.lastProgress ?? now))
    }
}
