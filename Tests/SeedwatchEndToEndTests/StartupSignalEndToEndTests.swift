import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built daemon receiving SIGHUP (logrotate's `systemctl kill -s HUP`) while it starts: it must
/// not die of it (systemd counts a death by SIGHUP as clean and would not restart it).
@Suite("Daemon end to end: SIGHUP during start-up", .serialized)
struct StartupSignalEndToEndTests {
    @Test(.timeLimit(.minutes(2)))
    func aSIGHUPBeforeReadyDoesNotEndTheDaemon() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-hup")
        let root = folder.url
        let drop = root.appendingPathComponent("drop")
        // Many folders, so that watching them keeps the daemon between "watch loaded" and READY=1 a while.
        for i in 0..<2000 {
            try FileManager.default.createDirectory(at: drop.appendingPathComponent("d\(i / 50)/e\(i)"), withIntermediateDirectories: true)
        }
        let config = try writeDaemonConfig(in: root)
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(waitUntil(30, every: 0.005) { daemon.log.contains("watch loaded") })
        daemon.signal(SIGHUP)
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "no READY=1; log:\n\(daemon.log.suffix(2000))")
        usleep(300_000)
        #expect(daemon.process.isRunning, "the daemon ended on SIGHUP during start-up")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
    }
}
