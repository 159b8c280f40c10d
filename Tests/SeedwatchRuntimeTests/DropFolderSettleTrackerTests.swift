import SeedwatchCore
import Testing

@Suite struct DropFolderSettleTrackerTests {
    /// One simulated file: its size and mtime, changed by the trace's writes.
    struct SimulatedFile {
        var size: Int64 = 0
        var modified: Double = 0
        var snapshot: FileSnapshot {
            FileSnapshot(device: 2049, inode: 131_074, size: size, modificationTimeNanoseconds: Int64((modified * 1e9).rounded()))
        }
    }

    enum Kind { case create, modify, closeWrite }

    /// Replays a trace on a manual clock; jumps the clock to each deadline the tracker announces.
    /// - Returns: each verdict with the time it was given.
    func replay(
        _ trace: [(time: Double, kind: Kind, size: Int64)], settle: Double
    ) -> [(time: Double, verdict: SettleTracker.Verdict)] {
        var tracker = SettleTracker(settle: settle)
        var file = SimulatedFile()
        var verdicts: [(Double, SettleTracker.Verdict)] = []
        var next = 0
        let path = Array("brief.html".utf8)
        while true {
            let eventTime = next < trace.count ? trace[next].time : .infinity
            let deadline = tracker.nextDeadline ?? .infinity
            if eventTime == .infinity, deadline == .infinity { break }
            if eventTime <= deadline {
                let event = trace[next]
                next += 1
                if event.kind != .closeWrite {
                    file.size = event.size
                    file.modified = event.time
                }
                switch event.kind {
                case .closeWrite:
                    tracker.noteEvent(path: path, at: event.time, snapshot: file.snapshot, completesWrite: true)
                case .create, .modify:
                    tracker.noteEvent(path: path, at: event.time, completesWrite: false)
                }
            } else {
                for due in tracker.due(at: deadline) {
                    verdicts.append((deadline, tracker.confirm(path: due, current: file.snapshot, at: deadline)))
                }
            }
        }
        return verdicts
    }

    @Test func aFileStillBeingWrittenIsReadAt2point7And7point1AndTheEmptyStateNever() {
        let verdicts = replay([
            (0.00, .create, 0), (0.01, .closeWrite, 0), (1.50, .modify, 4096), (1.70, .closeWrite, 4096),
            (6.00, .modify, 9130), (6.10, .closeWrite, 9130),
        ], settle: 1.0)
        #expect(verdicts.count == 3)
        guard verdicts.count == 3 else { return }
        #expect(abs(verdicts[0].time - 1.01) < 1e-9)
        #expect(verdicts[0].verdict == .empty(SimulatedFile(size: 0, modified: 0).snapshot))
        #expect(abs(verdicts[1].time - 2.70) < 1e-9)
        #expect(verdicts[1].verdict == .ready(SimulatedFile(size: 4096, modified: 1.5).snapshot))
        #expect(abs(verdicts[2].time - 7.10) < 1e-9)
        #expect(verdicts[2].verdict == .ready(SimulatedFile(size: 9130, modified: 6.0).snapshot))
    }

    @Test func emptyFileNeverWrittenAgainIsNeverReady() {
        let verdicts = replay([(0.0, .create, 0), (0.02, .closeWrite, 0)], settle: 1.0)
        #expect(verdicts.count == 1)
        #expect(verdicts.first?.verdict == .empty(SimulatedFile(size: 0, modified: 0).snapshot))
    }

    @Test func writerWithPausesShorterThanSettleIsReadOnceAtTheEnd() {
        // Open-append-close every 0.15 s for 1.5 s, settle 0.2 s.
        var trace: [(time: Double, kind: Kind, size: Int64)] = []
        for step in 0..<10 {
            let t = Double(step) * 0.15
            trace.append((t, .modify, Int64(step + 1) * 100))
            trace.append((t + 0.01, .closeWrite, Int64(step + 1) * 100))
        }
        let verdicts = replay(trace, settle: 0.2)
        #expect(verdicts.count == 1)
        #expect(abs((verdicts.first?.time ?? 0) - (1.36 + 0.2)) < 1e-9)
        #expect(verdicts.first?.verdict == .ready(SimulatedFile(size: 1000, modified: 1.35).snapshot))
    }

    @Test func activityWithoutCloseNeverBecomesDue() {
        var tracker = SettleTracker(settle: 1)
        tracker.noteEvent(path: [0x61], at: 0, completesWrite: false)
        tracker.noteEvent(path: [0x61], at: 0.5, completesWrite: false)
        #expect(tracker.nextDeadline == nil)
        #expect(tracker.due(at: 100) == [])
        #expect(tracker.count == 1)
        tracker.forgetActivityOnly(before: 50)
        #expect(tracker.count == 0)
    }

    @Test func modifyAfterCloseRestartsTheWait() {
        var tracker = SettleTracker(settle: 1)
        let snap = FileSnapshot(device: 1, inode: 2, size: 3, modificationTimeNanoseconds: 4)
        tracker.noteEvent(path: [0x61], at: 0, snapshot: snap)
        tracker.noteEvent(path: [0x61], at: 0.9, completesWrite: false)
        #expect(tracker.due(at: 1.0) == [])
        #expect(tracker.nextDeadline == 1.9)
        #expect(tracker.due(at: 1.9) == [[0x61]])
    }

    @Test func changedStatWaitsAnotherPeriod() {
        var tracker = SettleTracker(settle: 1)
        let before = FileSnapshot(device: 1, inode: 7, size: 10, modificationTimeNanoseconds: 100)
        let after = FileSnapshot(device: 1, inode: 7, size: 20, modificationTimeNanoseconds: 200)
        tracker.noteEvent(path: [0x61], at: 0, snapshot: before)
        #expect(tracker.due(at: 1) == [[0x61]])
        #expect(tracker.confirm(path: [0x61], current: after, at: 1) == .changed)
        #expect(tracker.nextDeadline == 2)
        #expect(tracker.due(at: 1.5) == [])
        #expect(tracker.due(at: 2) == [[0x61]])
        #expect(tracker.confirm(path: [0x61], current: after, at: 2) == .ready(after))
        #expect(tracker.count == 0)
        // A replaced inode with the same size and mtime is a change too.
        let replaced = FileSnapshot(device: 1, inode: 8, size: 20, modificationTimeNanoseconds: 200)
        tracker.noteEvent(path: [0x61], at: 3, snapshot: after)
        _ = tracker.due(at: 4)
        #expect(tracker.confirm(path: [0x61], current: replaced, at: 4) == .changed)
    }

    @Test func vanishedAndForgottenPaths() {
        var tracker = SettleTracker(settle: 1)
        tracker.noteEvent(path: Array("a/x".utf8), at: 0)
        tracker.noteEvent(path: Array("a/y".utf8), at: 0)
        tracker.noteEvent(path: Array("ab/z".utf8), at: 0)
        tracker.forget(under: Array("a".utf8))
        #expect(tracker.due(at: 1) == [Array("ab/z".utf8)])
        #expect(tracker.confirm(path: Array("ab/z".utf8), current: nil, at: 1) == .vanished)
        #expect(tracker.confirm(path: Array("ab/z".utf8), current: nil, at: 1) == .unknown)
        #expect(tracker.count == 0)
    }
}
