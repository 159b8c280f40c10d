import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built daemon under `WatchdogSec=2` (`WATCHDOG_USEC=2000000`: a ping due every second):
/// large files never delay a ping, and a pipeline that stops progressing stops pinging (issue 13).
@Suite("Daemon end to end: watchdog", .serialized)
struct WatchdogEndToEndTests {
    static let watchdog = ["WATCHDOG_USEC": "2000000"]

    /// The longest time between two consecutive pings within `window`, in seconds.
    static func longestGap(_ pings: [Date], within window: ClosedRange<Date>) -> Double {
        let inside = pings.filter { window.contains($0) }
        let points = [window.lowerBound] + inside + [window.upperBound]
        return zip(points, points.dropFirst()).map { $1.timeIntervalSince($0) }.max() ?? 0
    }

    /// An HTML article of about `bytes` bytes.
    static func largeArticle(_ bytes: Int, index: Int) -> String {
        var html = "<html><head><title>Russia and North Korea, part \(index)</title></head><body>"
        var i = 0
        while html.utf8.count < bytes {
            html += "<p>Paragraph \(i) of part \(index): Russia and North Korea discussed sanctions, oil and arms in Pyongyang "
                + "while China watched; Moscow said the talks would go on.</p>\n"
            i += 1
        }
        return html + "</body></html>"
    }

    /// A daemon with the watchdog on (``watchdog``), on a drop-folder configuration in `root`,
    /// started and checked to have sent READY=1.
    static func startReadyDaemon(in root: URL) throws -> (notify: NotifySocket, daemon: DaemonProcess) {
        let config = try writeDaemonConfig(in: root, settle: "0.2s")
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"),
                                       environment: watchdog)
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "\(daemon.log.suffix(2000))")
        return (notify, daemon)
    }

    @Test(.timeLimit(.minutes(3)))
    func largeFilesNeverDelayAPing() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-watchdog")
        let root = folder.url
        let (notify, daemon) = try Self.startReadyDaemon(in: root)
        defer { notify.close() }
        let staging = root.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        // 1 MiB each: a debug build reads one in about 7 s (budget 15 s), far past the 2 s deadline,
        // so the pings must come from beside the pipeline (4 MiB files took 56 s and tested no more).
        let size = 1 << 20
        for i in 0..<2 {
            try Self.largeArticle(size, index: i).write(to: staging.appendingPathComponent("big-\(i).html"), atomically: false, encoding: .utf8)
        }
        let start = Date()
        for i in 0..<2 {
            try FileManager.default.moveItem(at: staging.appendingPathComponent("big-\(i).html"),
                                             to: root.appendingPathComponent("drop/big-\(i).html"))
        }
        #expect(waitUntil(120, every: 0.1) { StopAndLockEndToEndTests.pathsRead(daemon.log).count == 2 }, "\(daemon.log.suffix(2000))")
        let end = Date()
        let gap = Self.longestGap(notify.times(of: "WATCHDOG=1"), within: start...end)
        print("watchdog: 2 files of \(size >> 20) MiB read in \(String(format: "%.1f", end.timeIntervalSince(start))) s; longest gap between pings \(String(format: "%.2f", gap)) s (deadline 2 s)")
        #expect(gap < 1.8)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
    }

    /// python3 (installed by .ci/run) holds the state database's write lock.
    @Test(.timeLimit(.minutes(3)))
    func aPipelineStuckOnTheStateDatabaseStopsPinging() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-wedge")
        let root = folder.url
        let (notify, daemon) = try Self.startReadyDaemon(in: root)
        defer { notify.close() }

        // Another process holds the state database's write lock for 9 s (the daemon waits up to 10 s).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN EXCLUSIVE')
            print('locked', flush=True)
            time.sleep(9)
            c.execute('COMMIT')
            """, root.appendingPathComponent("state/seedwatch.sqlite").path]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        #expect(String(decoding: out.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("locked"))
        let locked = Date()
        try "Putin meets Kim Jong Un\n\nRussia and North Korea discussed sanctions.\n"
            .write(to: root.appendingPathComponent("drop/stuck.txt"), atomically: false, encoding: .utf8)
        holder.waitUntilExit()
        let released = Date()
        #expect(waitUntil(20) { StopAndLockEndToEndTests.pathsRead(daemon.log).count == 1 }, "\(daemon.log.suffix(2000))")
        usleep(2_500_000)
        let pings = notify.times(of: "WATCHDOG=1")
        let gap = Self.longestGap(pings, within: locked...released)
        print("watchdog: pipeline stuck on the state database for \(String(format: "%.1f", released.timeIntervalSince(locked))) s; longest gap between pings \(String(format: "%.2f", gap)) s")
        #expect(gap >= 3, "pings went on while the pipeline was stuck")
        #expect(daemon.log.contains("pipeline made no progress within its budget; watchdog pings withheld"))
        #expect(pings.contains { $0 > released.addingTimeInterval(0.5) }, "pings did not resume")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
    }
}
