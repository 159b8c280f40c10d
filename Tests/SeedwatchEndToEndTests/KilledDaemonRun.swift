import Foundation
import SeedwatchTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The daemon binary given `articles` distinct alerting articles in batches and killed with
/// SIGKILL `kills` times along the way (restarted each time), for the outputs' end-to-end tests.
struct KilledDaemonRun {
    let folder: TemporaryFolder
    let config: URL
    let notify: NotifySocket
    var daemon: DaemonProcess
    var alertLog: URL { folder.url.appendingPathComponent("log/alerts.jsonl") }

    /// A distinct article that reaches level `alert` with the shipped model.
    static func article(_ n: Int) -> String {
        """
        Putin and Kim Jong Un sign mutual defence pact in Pyongyang, report \(n)
        Vladimir Putin and Kim Jong Un signed a mutual defence pact in Pyongyang on Wednesday, report \(n) says. \
        Russia and North Korea agreed on arms transfers, missiles and artillery shells for the war in Ukraine. \
        China watched the summit closely as sanctions tightened.

        """
    }

    static func environment(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? value
    }

    /// Writes the config (the daemon config plus `outputs`, a YAML list body) and `files`, starts the daemon.
    init(_ label: String, outputs: String, files: [String: String] = [:]) throws {
        folder = try TemporaryFolder(label)
        let root = folder.url
        try FileManager.default.createDirectory(at: root.appendingPathComponent("drop"), withIntermediateDirectories: true)
        config = try writeDaemonConfig(in: root, settle: "0.2s")
        for (name, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(name)) }
        try ("\noutputs:\n" + outputs).appendLine(to: config)
        notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", timeout: 60) != nil, "no READY=1; log:\n\(daemon.log.suffix(3000))")
    }

    /// Drops the articles in `kills + 1` batches, killing and restarting the daemon after each
    /// batch but the last, at a random moment 0.3–1.5 s after it.
    mutating func dropArticles(_ articles: Int, kills: Int, random: inout SplitMix64) throws {
        let drop = folder.url.appendingPathComponent("drop")
        let batch = max(1, articles / (kills + 1))
        var dropped = 0
        for k in 0...kills {
            let end = k == kills ? articles : min(articles, dropped + batch)
            while dropped < end {
                try Data(Self.article(dropped).utf8).write(to: drop.appendingPathComponent("report-\(dropped).txt"))
                dropped += 1
            }
            guard k < kills else { break }
            usleep(UInt32.random(in: 300_000...1_500_000, using: &random))
            try killAndRestart()
        }
    }

    /// SIGKILL, then a new daemon on the same folder, ready.
    mutating func killAndRestart() throws {
        daemon.signal(SIGKILL)
        _ = daemon.waitForExit(timeout: 10)
        let before = notify.received.count
        daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: folder.url.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", from: before, timeout: 60) != nil, "no READY=1 after a kill")
    }

    /// SIGTERM, then the exit status.
    func stop() -> Int32? {
        daemon.signal(SIGTERM)
        let status = daemon.waitForExit(timeout: 30)
        notify.close()
        return status
    }
}
