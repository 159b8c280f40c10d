import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `seedwatch status` and `seedwatch why` on the built binary, with the daemon up and down (issue 13).
@Suite("Command line: status and why", .serialized)
struct StatusAndWhyEndToEndTests {
    @Test(.timeLimit(.minutes(2)))
    func statusFollowsTheDaemonAndWhyTellsAFilesHistory() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-status")
        let root = folder.url
        let config = try writeDaemonConfig(in: root, settle: "0.2s")

        // No daemon yet: down, exit 2.
        let before = try CommandLineTests.run(["status", "--config", config.path])
        #expect(before.status == 2)
        #expect(before.stdout.hasPrefix("health:        down\ndaemon:        not running\n"), "\(before.stdout)")

        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "\(daemon.log.suffix(2000))")
        let article = root.appendingPathComponent("drop/putin-kim.txt")
        let text = "Putin and Kim Jong Un sign a defence pact in Pyongyang\n\n"
            + "Russia and North Korea signed a mutual defence pact; Moscow will supply oil and arms technology "
            + "despite UN sanctions, while China watched the summit between Putin and Kim Jong Un.\n"
        try text.write(to: article, atomically: false, encoding: .utf8)
        #expect(waitUntil(30) { StopAndLockEndToEndTests.pathsRead(daemon.log).count == 1 }, "\(daemon.log.suffix(2000))")
        // The decision's alert line is appended (group commit) after the "file read" log line.
        #expect(waitUntil(30) { AlertLine.read(root.appendingPathComponent("log/alerts.jsonl")).count == 1 }, "\(daemon.log.suffix(2000))")
        let alerts = AlertLine.read(root.appendingPathComponent("log/alerts.jsonl"))
        #expect(alerts.count == 1)
        #expect(waitUntil(30) { notify.lastStatus?.hasSuffix("; backlog 0 queued, 0 deferred") == true }, "\(notify.lastStatus ?? "none")")

        // Running: healthy, exit 0; JSON with the interface keys.
        let running = try CommandLineTests.run(["status", "--json", "--config", config.path])
        #expect(running.status == 0, "\(running.stdout)\(running.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(running.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["health", "reasons", "daemon", "backlog", "last_decision", "alerts", "feeds", "outputs"])
        #expect(object["health"] as? String == "healthy")
        let daemonObject = object["daemon"] as? [String: Any]
        #expect(daemonObject?["running"] as? Bool == true)
        #expect(daemonObject?["pid"] as? Int == Int(daemon.process.processIdentifier))
        let last = object["last_decision"] as? [String: Any]
        #expect(last?["alert_id"] as? String == alerts.first?.id)
        #expect(last?["level"] as? String == alerts.first?.level)
        #expect(last?["source"] as? String == article.path)
        let today = (object["alerts"] as? [String: Any])?["today"] as? [String: Int]
        #expect(today == ["alert": alerts.first?.level == "alert" ? 1 : 0, "notice": alerts.first?.level == "notice" ? 1 : 0])

        // why: seen, read, decided with the alert's id.
        let why = try CommandLineTests.run(["why", "--config", config.path, article.path])
        #expect(why.status == 0, "\(why.stderr)")
        let lines = why.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == article.path)
        #expect(lines.count == 4)
        #expect(lines.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? "" }
            == ["seen", "read", "decided"])
        #expect(lines.last?.contains("china-russia-north-korea: \(alerts.first?.level ?? "?"), score ") == true)
        #expect(lines.last?.hasSuffix(", alert \(alerts.first?.id ?? "?") — Putin and Kim Jong Un sign a defence pact in Pyongyang") == true,
                "\(lines.last ?? "")")
        let unknown = try CommandLineTests.run(["why", "--config", config.path, root.appendingPathComponent("drop/never.txt").path])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("nothing recorded"))

        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        let after = try CommandLineTests.run(["status", "--config", config.path])
        #expect(after.status == 2)
        #expect(after.stdout.contains("daemon:        not running"))
    }
}

/// `metrics.textfile` written by the running daemon and once more when it stops.
@Suite("Daemon end to end: metrics textfile", .serialized)
struct MetricsTextfileEndToEndTests {
    @Test(.timeLimit(.minutes(2)))
    func theDaemonWritesItsMetricsForTheTextfileCollector() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-metrics")
        let root = folder.url
        let config = try writeDaemonConfig(in: root, settle: "0.2s")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("metrics"), withIntermediateDirectories: true)
        let handle = try FileHandle(forWritingTo: config)
        handle.seekToEndOfFile()
        handle.write(Data("\nmetrics:\n  textfile: metrics/seedwatch.prom\n".utf8))
        try handle.close()
        let textfile = root.appendingPathComponent("metrics/seedwatch.prom")
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "\(daemon.log.suffix(2000))")
        #expect(waitUntil(10) { FileManager.default.fileExists(atPath: textfile.path) })
        try "Putin meets Kim Jong Un\n\nRussia and North Korea discussed sanctions.\n"
            .write(to: root.appendingPathComponent("drop/a.txt"), atomically: false, encoding: .utf8)
        #expect(waitUntil(30) { StopAndLockEndToEndTests.pathsRead(daemon.log).count == 1 })
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        let lines = ((try? String(contentsOf: textfile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        #expect(lines.contains("seedwatch_files_processed_total 1"), "\(lines)")
        #expect(lines.contains("seedwatch_decisions_total 1"))
        #expect(lines.contains("seedwatch_decision_duration_seconds_count 1"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("metrics").path) == ["seedwatch.prom"])
    }
}

/// An analyst who may read the state folder but not write it (the unit's UMask=0027 leaves the
/// database, its -wal/-shm and the lock file group-readable only) runs `status`, `why` and
/// `alerts` while the daemon runs.
@Suite("Command line: status and why without write access", .serialized)
struct ReadOnlyReaderEndToEndTests {
    static let runuser = ["/usr/sbin/runuser", "/sbin/runuser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func runAsNobody(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runuser!)
        process.arguments = ["-u", "nobody", "--", Paths.binary.path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: getuid() == 0 && runuser != nil, "needs root and runuser to act as another user"), .timeLimit(.minutes(2)))
    func anotherUserWithReadAccessOnlySeesTheRunningDaemonAndAFilesHistory() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-reader")
        let root = folder.url
        let config = try writeDaemonConfig(in: root, settle: "0.2s")
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "\(daemon.log.suffix(2000))")
        let article = root.appendingPathComponent("drop/a.txt")
        try "Putin meets Kim Jong Un\n\nRussia and North Korea discussed sanctions.\n".write(to: article, atomically: false, encoding: .utf8)
        #expect(waitUntil(30) { StopAndLockEndToEndTests.pathsRead(daemon.log).count == 1 })
        #expect(waitUntil(30) { AlertLine.read(root.appendingPathComponent("log/alerts.jsonl")).count == 1 }, "\(daemon.log.suffix(2000))")
        // Readable, not writable, by others: as the unit leaves them for its group.
        for path in [root.path, root.appendingPathComponent("state").path] { chmod(path, 0o755) }
        for name in ["seedwatch.sqlite", "seedwatch.sqlite-wal", "seedwatch.sqlite-shm"] {
            chmod(root.appendingPathComponent("state/\(name)").path, 0o644)
        }
        chmod(root.appendingPathComponent("state/.seedwatch.sqlite.lock").path, 0o600)  // not even readable
        chmod(config.path, 0o644)
        let status = try Self.runAsNobody(["status", "--config", config.path])
        #expect(status.status == 0, "\(status.stdout)")
        #expect(status.stdout.contains("daemon:        running (pid \(daemon.process.processIdentifier))"), "\(status.stdout)")
        let why = try Self.runAsNobody(["why", "--config", config.path, article.path])
        #expect(why.status == 0)
        #expect(why.stdout.split(separator: "\n").count == 4, "\(why.stdout)")
        // alerts reads the log, which the unit leaves group-readable (LogsDirectoryMode=0750, UMask=0027).
        chmod(root.appendingPathComponent("log").path, 0o755)
        chmod(root.appendingPathComponent("log/alerts.jsonl").path, 0o644)
        let alerts = try Self.runAsNobody(["alerts", "--json", "--config", config.path])
        #expect(alerts.status == 0)
        let ids = alerts.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(ids.count == 1)
        #expect(ids == AlertLine.read(root.appendingPathComponent("log/alerts.jsonl")).map(\.id), "\(alerts.stdout)")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
    }
}
