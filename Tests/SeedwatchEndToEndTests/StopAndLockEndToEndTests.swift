import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built daemon stopping with a backlog, and its single-instance lock (issue 13).
@Suite("Daemon end to end: stop with a backlog, single-instance lock", .serialized)
struct StopAndLockEndToEndTests {
    /// Writes `count` distinct small articles (`0000.txt` …) that each name Putin and Kim Jong Un.
    static func writeArticles(_ count: Int, into drop: URL) throws {
        for i in 0..<count {
            let text = "Putin and Kim Jong Un meet again, report \(i)\n\n"
                + "Russia and North Korea discussed sanctions and arms supplies in Pyongyang, report number \(i).\n"
            try text.write(to: drop.appendingPathComponent(String(format: "%04d.txt", i)), atomically: false, encoding: .utf8)
        }
    }

    /// The `path=` of every "file read" line of a daemon log.
    static func pathsRead(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.contains(" file read ") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("path=") }.map { String($0.dropFirst(5)) }
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aStopFinishesTheFileInHandAndLeavesTheBacklogForTheNextStart() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-stop")
        let root = folder.url
        let config = try writeDaemonConfig(in: root, settle: "0.2s")
        let drop = root.appendingPathComponent("drop")
        let total = 600
        try Self.writeArticles(total, into: drop)
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }

        let firstLog = root.appendingPathComponent("daemon-1.log")
        let first = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: firstLog)
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "no READY=1; log:\n\(first.log.suffix(2000))")
        #expect(waitUntil(60, every: 0.02) { Self.pathsRead(first.log).count >= 10 }, "\(first.log.suffix(2000))")
        let stopAsked = Date()
        first.signal(SIGTERM)
        let status = first.waitForExit(timeout: 30)
        let stopSeconds = Date().timeIntervalSince(stopAsked)
        print("stop with a backlog of \(total - Self.pathsRead(first.log).count) files: \(String(format: "%.2f", stopSeconds)) s")
        #expect(status == 0)
        #expect(notify.index(of: "STOPPING=1") != nil)
        let readFirst = Self.pathsRead(first.log)
        #expect(readFirst.count < total, "the whole backlog was processed before stopping")
        #expect(first.log.contains("stopping: finishing the article in hand; the backlog waits for the next start"))

        // The next start reads exactly the files left: each file once over both runs.
        let secondLog = root.appendingPathComponent("daemon-2.log")
        let before = notify.received.count
        let second = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: secondLog)
        #expect(notify.wait(for: "READY=1", from: before, timeout: 30) != nil)
        #expect(waitUntil(180, every: 0.2) { readFirst.count + Self.pathsRead(second.log).count >= total },
                "read \(readFirst.count) + \(Self.pathsRead(second.log).count) of \(total)")
        let readSecond = Self.pathsRead(second.log)
        #expect(Set(readFirst).isDisjoint(with: readSecond))
        #expect(Set(readFirst + readSecond).count == total)
        #expect(readFirst.count + readSecond.count == total)
        let lines = AlertLine.read(root.appendingPathComponent("log/alerts.jsonl"))
        #expect(Set(lines.map(\.id)).count == lines.count, "an alert was written twice")
        #expect(Set(lines.compactMap(\.path)).count == lines.count)
        second.signal(SIGTERM)
        #expect(second.waitForExit(timeout: 30) == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aSecondDaemonIsRefusedWhileReadersKeepWorking() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-lock")
        let root = folder.url
        let config = try writeDaemonConfig(in: root, settle: "0.2s")
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "no READY=1; log:\n\(daemon.log.suffix(2000))")
        try Self.writeArticles(1, into: root.appendingPathComponent("drop"))
        #expect(waitUntil(30) { Self.pathsRead(daemon.log).count == 1 })

        let second = try CommandLineTests.run(["run", "--config", config.path])
        #expect(second.status == 75)
        let lockPath = root.appendingPathComponent("state/.seedwatch.sqlite.lock").path
        #expect(second.stderr.contains("cannot start: another seedwatch daemon (process \(daemon.process.processIdentifier) since "),
                "\(second.stderr)")
        #expect(second.stderr.contains("already runs on this state database: \(lockPath) is locked; stop it first (systemctl stop seedwatch)"))
        #expect(!second.stderr.contains(" ready "))

        let alerts = try CommandLineTests.run(["alerts", "--json", "--config", config.path])
        #expect(alerts.status == 0, "\(alerts.stderr)")
        #expect(alerts.stdout.split(separator: "\n").count == AlertLine.read(root.appendingPathComponent("log/alerts.jsonl")).count)
        let feeds = try CommandLineTests.run(["feeds", "--config", config.path])
        #expect(feeds.status == 0, "\(feeds.stderr)")
        let scan = try CommandLineTests.run(["scan", "--json", "--config", config.path, root.appendingPathComponent("drop/0000.txt").path])
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(scan.stdout.contains("\"title\":\"Putin and Kim Jong Un meet again, report 0\""))

        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        // The lock is released with the process: the next daemon starts.
        let before = notify.received.count
        let next = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon-2.log"))
        #expect(notify.wait(for: "READY=1", from: before, timeout: 30) != nil, "\(next.log.suffix(2000))")
        next.signal(SIGTERM)
        #expect(next.waitForExit(timeout: 30) == 0)
    }
}
