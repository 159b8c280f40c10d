import Foundation
import Logging
import SeedwatchRuntime
import Synchronization
import Testing

/// The watchdog pings from its own thread only while the pipeline progresses or is idle (issue 13).
@Suite("Watchdog pinger")
struct WatchdogPingerTests {
    @Test func aWedgedPipelineStopsPingingAndProgressResumesIt() async throws {
        let activity = PipelineActivity(baseBudgetSeconds: 0.3)
        let pings = Mutex<[Double]>([])
        let recorder = LogRecorder()
        let pinger = WatchdogPinger(interval: 0.05, activity: activity, logger: recorder.logger()) {
            let now = PipelineActivity.monotonicSeconds()
            pings.withLock { $0.append(now) }
        }
        defer { pinger.stop() }
        try await Task.sleep(for: .milliseconds(400))
        #expect(pings.withLock { $0.count } >= 3, "an idle pipeline is pinged for")

        activity.begin("/srv/seedwatch/drop/wedged.html", bytes: 0)
        let wedgedAt = PipelineActivity.monotonicSeconds()
        try await Task.sleep(for: .milliseconds(1200))
        let late = pings.withLock { $0.filter { $0 > wedgedAt + 0.3 + 0.05 } }
        #expect(late.isEmpty, "pinged \(late.count) times after the budget ran out")
        let withheld = recorder.all.filter { $0.message.hasPrefix("pipeline made no progress within its budget; watchdog pings withheld") }
        #expect(withheld.count == 1)
        #expect(withheld.first?.level == .warning)
        #expect(withheld.first?.metadata["source"] == "/srv/seedwatch/drop/wedged.html")

        let resumedAt = PipelineActivity.monotonicSeconds()
        activity.advance(bytes: 4096)
        try await Task.sleep(for: .milliseconds(300))
        #expect(pings.withLock { $0.filter { $0 > resumedAt }.count } >= 1, "progress did not resume the pings")
        #expect(recorder.all.filter { $0.message == "pipeline progressing again; watchdog pings resumed" }.count == 1)
        activity.end()
    }

    @Test func computingOnALargeArticleHasALongBudgetAndWaitingAShortOne() {
        let activity = PipelineActivity()
        #expect(activity.computeBudgetSeconds(forBytes: 0) == 5)
        #expect(activity.computeBudgetSeconds(forBytes: 64 * 1_048_576) == 645)
        activity.begin("big.html", bytes: 64 * 1_048_576)
        let start = activity.current!.lastProgress
        let mark = activity.progressMark
        #expect(activity.isHealthy(now: start + 644, markAtLastPing: mark, computing: true))
        #expect(!activity.isHealthy(now: start + 646, markAtLastPing: mark, computing: true))
        #expect(activity.isHealthy(now: start + 4.9, markAtLastPing: mark, computing: false))
        #expect(!activity.isHealthy(now: start + 5.1, markAtLastPing: mark, computing: false))
        #expect(activity.isHealthy(now: start + 1000, markAtLastPing: mark - 1))
        activity.end()
        #expect(activity.isHealthy(now: start + 1000, markAtLastPing: mark))
    }

    @Test func aThreadStarvedByAnOverloadedMachineStillCountsAsComputing() {
        // Load 20 on 2 cores: the pipeline's thread got 40 ms of CPU in a 1 s interval.
        #expect(WatchdogPinger.isComputing(cpuSeconds: 0.04, interval: 1))
        #expect(WatchdogPinger.isComputing(cpuSeconds: 0.001, interval: 1))
        // Blocked on a lock or on I/O: no CPU at all, or a few microseconds of wake-ups.
        #expect(!WatchdogPinger.isComputing(cpuSeconds: 0, interval: 1))
        #expect(!WatchdogPinger.isComputing(cpuSeconds: 0.000_05, interval: 1))
    }

    @Test func aPipelineThreadThatComputesKeepsThePingsGoingWithoutCounterProgress() {
        // Checks every 50 ms on a clock of the test's own (a timed test would depend on the load).
        let activity = PipelineActivity(baseBudgetSeconds: 0.2)
        activity.begin("big.html", bytes: 1_048_576)
        let start = activity.current!.lastProgress
        var check = WatchdogCheck(activity: activity, interval: 0.05)
        // Computing for 0.8 s (four times the base budget): the thread's CPU clock advances 50 ms a check.
        var outcomes: [WatchdogCheck.Outcome] = []
        for k in 1...16 { outcomes.append(check.next(now: start + Double(k) * 0.05, cpuSeconds: Double(k) * 0.05)) }
        #expect(outcomes == Array(repeating: .ping, count: 16))
        // Then waiting (the clock stands still) past the base budget: the pings stop, with one warning.
        guard case .withhold(let subject, let stalled) = check.next(now: start + 0.85, cpuSeconds: 0.8) else {
            Issue.record("pings not withheld 0.85 s after the last progress of a waiting pipeline")
            return
        }
        #expect(subject == "big.html")
        #expect(abs(stalled - 0.85) < 1e-6)
        #expect(check.next(now: start + 0.90, cpuSeconds: 0.8) == .stillWithholding)
        // Bytes read again: pings resume, once with a notice.
        activity.advance(bytes: 4096)
        #expect(check.next(now: start + 0.95, cpuSeconds: 0.8) == .pingAndResume)
        // Stalled once more past the budget (its last progress was when the bytes were read): a new warning.
        guard case .withhold = check.next(now: start + 1.5, cpuSeconds: 0.8) else {
            Issue.record("pings not withheld again after a second stall")
            return
        }
        activity.end()
    }
}
