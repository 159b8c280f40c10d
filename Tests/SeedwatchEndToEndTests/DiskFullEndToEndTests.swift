import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built daemon when the alert log cannot grow (a full disk, simulated with `ulimit -f`): the
/// line that did not fit leaves no fragment, and after a restart with room it is written exactly once.
@Suite("Daemon end to end: disk full", .serialized)
struct DiskFullEndToEndTests {
    static let article = """
        Putin and Kim Jong Un sign mutual defence pact in Pyongyang
        Vladimir Putin and Kim Jong Un signed a mutual defence pact in Pyongyang on Wednesday. Russia and \
        North Korea agreed on arms transfers, missiles and artillery shells for the war in Ukraine. China \
        watched the summit closely as sanctions tightened.

        """

    /// Valid alert-shaped JSON lines (ids 0000000000000001…) filling exactly `size` bytes.
    static func padding(size: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var n = 1
        while size - bytes.count > 200 {
            let id = String(format: "%016x", n)
            let line = "{\"id\":\"\(id)\",\"note\":\"" + String(repeating: "p", count: min(900, size - bytes.count - 200)) + "\"}\n"
            bytes += Array(line.utf8)
            n += 1
        }
        let id = String(format: "%016x", n)
        let head = "{\"id\":\"\(id)\",\"note\":\""
        let fill = size - bytes.count - head.utf8.count - 3
        bytes += Array((head + String(repeating: "q", count: fill) + "\"}\n").utf8)
        return bytes
    }

    @Test(.timeLimit(.minutes(3)))
    func aLineThatDoesNotFitLeavesNoFragmentAndIsWrittenOnceAfterARestart() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-full")
        let root = folder.url
        let drop = root.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("log"), withIntermediateDirectories: true)
        let config = try writeDaemonConfig(in: root, settle: "0.5s")
        let alertLog = root.appendingPathComponent("log/alerts.jsonl")
        // 1 MiB allowed; the log leaves room for about 1000 bytes, less than one alert line.
        let prefill = Self.padding(size: (1 << 20) - 1000)
        #expect(prefill.count == (1 << 20) - 1000)
        try Data(prefill).write(to: alertLog)
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let stderrURL = root.appendingPathComponent("daemon.log")

        var daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: stderrURL, fileSizeLimitKiB: 1024)
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "no READY=1; log:\n\(daemon.log)")
        try Data(Self.article.utf8).write(to: drop.appendingPathComponent("pact.txt"))
        #expect(waitUntil(30) { daemon.log.contains("file deferred; it will be processed again") },
                "the append did not fail; log:\n\(daemon.log.suffix(3000))")
        let size = (try? FileManager.default.attributesOfItem(atPath: alertLog.path)[.size] as? Int) ?? -1
        #expect(size == prefill.count, "a fragment of the alert line was left in the log")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)

        // Room again: the pending alert is reconciled at start-up and written once, whole.
        let before = notify.received.count
        daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: stderrURL)
        #expect(notify.wait(for: "READY=1", from: before, timeout: 30) != nil)
        let written = waitUntil(30) { AlertLine.read(alertLog).count > prefill.split(separator: 0x0A).count }
        usleep(1_000_000)
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        #expect(written, "the alert was never written; log:\n\(daemon.log.suffix(3000))")
        let bytes = [UInt8]((try? Data(contentsOf: alertLog)) ?? Data())
        let rawLines = bytes.split(separator: 0x0A)
        let parsed = AlertLine.read(alertLog)
        #expect(rawLines.count == parsed.count, "a line of the log is not JSON")
        let alerts = parsed.filter { !$0.id.hasPrefix("0000000000") }
        #expect(alerts.count == 1)
        #expect(alerts.first?.level == "alert")
        #expect(alerts.first?.path == drop.appendingPathComponent("pact.txt").path)
    }
}
