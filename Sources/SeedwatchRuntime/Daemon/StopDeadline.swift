import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Bounds how long a stop takes (issue 13: under 2 s at any backlog, far inside `TimeoutStopSec`).
///
/// When SIGTERM arrives the pipeline takes no further file and stops at its next checkpoint (see
/// ``PipelineActivity/requestStop()``). If the daemon has not exited `graceSeconds` later — one
/// stage of a large article is still running — the article in hand is abandoned: one log line
/// names it, `STOPPING=1` was already sent, and the process exits 0 at once. Nothing of that
/// article was committed (a decision commits in one transaction, and an alert line cut short is
/// repaired by the next start's reconciliation, DESIGN §7), so the next start reads it again.
enum StopDeadline {
    /// Starts the timer on its own thread; it does nothing if the process exits first.
    static func arm(graceSeconds: Double, activity: PipelineActivity, logger: Logger) {
        let thread = Thread {
            Thread.sleep(forTimeInterval: graceSeconds)
            if let hand = activity.current {
                logger.warning("stopping: abandoning the article in hand; it is read again at the next start",
                               metadata: ["source": "\(hand.subject)", "grace_s": "\(graceSeconds)"])
            } else {
                logger.warning("stopping: shutdown did not finish in time; exiting", metadata: ["grace_s": "\(graceSeconds)"])
            }
            _exit(0)
        }
        thread.name = "seedwatch-stop-deadline"
        thread.start()
    }
}
