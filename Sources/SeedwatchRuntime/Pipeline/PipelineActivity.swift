import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What the pipeline is doing, shared without locks between the pipeline, the watchdog thread and
/// the shutdown path: the article in hand, progress counters, and whether a stop was requested.
///
/// Progress is counted in bytes read and decisions made. The watchdog (``WatchdogPinger``) pings
/// only while the pipeline is idle, has progressed since its last ping, or is within a time budget
/// since its last progress: one stage of a large file (the extraction of 64 MiB of HTML) may take
/// many seconds without a counter moving. The budget is ``baseBudgetSeconds`` (5 s) while the
/// pipeline's thread is not computing (waiting on a lock or I/O: a wedge), and
/// ``computeBudgetSeconds(forBytes:)`` (5 s + 10 s per MiB of the article) while it is.
package final class PipelineActivity: Sendable {
    /// The article in hand: what is being read or decided, its size and when work on it last progressed.
    package struct InHand: Sendable, Equatable {
        /// The path (as written in logs) or feed item being processed.
        package var subject: String
        /// Its size in bytes (0 when unknown, as for a feed item).
        package var bytes: Int
        /// When it was taken or last progressed (CLOCK_MONOTONIC seconds).
        package var lastProgress: Double
        /// When it was taken (CLOCK_MONOTONIC seconds).
        package var started: Double = 0
        /// Whether its duration is reported at ``end()`` (an article); a group commit's wait for
        /// the write lock and its commit are in hand for the watchdog but are not an article.
        package var timed = true
    }

    private let inHand = Mutex<InHand?>(nil)
    private let bytesRead = Atomic<Int>(0)
    private let decisionCount = Atomic<Int>(0)
    private let stop = Atomic<Bool>(false)
    /// The pipeline thread's CPU time in seconds (see ``attachCPUClock(_:)``).
    private let cpuClock = Mutex<(@Sendable () -> Double)?>(nil)
    /// Told how long each article took, from ``begin(_:bytes:)`` to ``end()`` (see ``attachDurationObserver(_:)``).
    private let durationObserver = Mutex<(@Sendable (Double) -> Void)?>(nil)
    /// The budget's fixed part, in seconds (see ``budgetSeconds(forBytes:)``).
    package let baseBudgetSeconds: Double

    /// - Parameter baseBudgetSeconds: the fixed part of an article's time budget (5 s; tests use less).
    package init(baseBudgetSeconds: Double = 5) {
        self.baseBudgetSeconds = baseBudgetSeconds
    }

    /// How long, in seconds, the pipeline may compute on one article of `bytes` bytes without a
    /// counter moving: ``baseBudgetSeconds`` plus 10 s per MiB, a rate far below every stage's
    /// throughput (a debug build extracts and matches at about 0.3 MiB/s, a release build at
    /// several MiB/s), so that only a loop that never ends runs out of it.
    package func computeBudgetSeconds(forBytes bytes: Int) -> Double {
        baseBudgetSeconds + 10 * Double(bytes) / 1_048_576
    }

    /// Lets the watchdog tell computing from waiting: `clock` returns the pipeline thread's CPU
    /// time in seconds (``DedicatedThreadExecutor/cpuSeconds()``).
    package func attachCPUClock(_ clock: @escaping @Sendable () -> Double) {
        cpuClock.withLock { $0 = clock }
    }

    /// The pipeline thread's CPU time in seconds (0 without a clock).
    package var cpuSeconds: Double { cpuClock.withLock { $0 }?() ?? 0 }

    // MARK: - Reported by the pipeline

    /// Work on `subject` begins.
    /// - Parameter timed: report its duration at ``end()`` (false for a group commit's own steps).
    package func begin(_ subject: String, bytes: Int = 0, timed: Bool = true) {
        let now = Self.monotonicSeconds()
        inHand.withLock { $0 = InHand(subject: subject, bytes: bytes, lastProgress: now, started: now, timed: timed) }
    }

    /// Work progressed: `bytes` more bytes read, `decisions` more decisions made.
    package func advance(bytes: Int = 0, decisions: Int = 0) {
        if bytes > 0 { bytesRead.add(bytes, ordering: .relaxed) }
        if decisions > 0 { decisionCount.add(decisions, ordering: .relaxed) }
        let now = Self.monotonicSeconds()
        inHand.withLock { $0?.lastProgress = now }
    }

    /// Work on the article in hand ended (finished, skipped, deferred or abandoned).
    package func end() {
        let finished = inHand.withLock { hand -> InHand? in
            defer { hand = nil }
            return hand
        }
        if let finished, finished.timed, let observer = durationObserver.withLock({ $0 }) {
            observer(Self.monotonicSeconds() - finished.started)
        }
    }

    /// `observer` is told, in seconds, how long each article (a file, a feed item or batch) took
    /// from being taken to its end: the metrics' decision-duration histogram.
    package func attachDurationObserver(_ observer: @escaping @Sendable (Double) -> Void) {
        durationObserver.withLock { $0 = observer }
    }

    // MARK: - Read by the watchdog and the shutdown path

    /// The article in hand, if any.
    package var current: InHand? { inHand.withLock { $0 } }

    /// Bytes read plus decisions made since start: any change is progress.
    package var progressMark: Int {
        bytesRead.load(ordering: .relaxed) &+ decisionCount.load(ordering: .relaxed)
    }

    /// Bytes read since start.
    package var totalBytesRead: Int { bytesRead.load(ordering: .relaxed) }
    /// Decisions made since start.
    package var totalDecisions: Int { decisionCount.load(ordering: .relaxed) }

    /// Whether the pipeline counts as making progress at `now` (CLOCK_MONOTONIC seconds), given the
    /// ``progressMark`` seen at the previous ping and whether its thread used CPU since
    /// (`computing`): idle; progressed since; or, with the article in hand, within
    /// ``computeBudgetSeconds(forBytes:)`` of its last progress while computing, within
    /// ``baseBudgetSeconds`` while waiting.
    package func isHealthy(now: Double, markAtLastPing: Int, computing: Bool = false) -> Bool {
        guard let hand = current else { return true }
        if progressMark != markAtLastPing { return true }
        let budget = computing ? computeBudgetSeconds(forBytes: hand.bytes) : baseBudgetSeconds
        return now - hand.lastProgress <= budget
    }

    // MARK: - Stop

    /// Asks the pipeline to stop: the article in hand finishes at its next checkpoint (between
    /// the items of a feed file, before reading) or is abandoned, unrecorded.
    package func requestStop() { stop.store(true, ordering: .sequentiallyConsistent) }

    /// Whether a stop was requested.
    package var isStopRequested: Bool { stop.load(ordering: .sequentiallyConsistent) }

    /// CLOCK_MONOTONIC in seconds.
    package static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
