import Foundation
import SeedwatchRuntime
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `metrics.listen`: the running daemon serves `GET /metrics` on loopback; a port another program
/// holds stops the start with exit 78 and a message naming the address (issue 13, Build 7).
@Suite("Daemon end to end: metrics endpoint", .serialized)
struct MetricsEndpointEndToEndTests {
    static func appendMetrics(_ text: String, to config: URL) throws {
        let handle = try FileHandle(forWritingTo: config)
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try handle.close()
    }

    /// The port of the "metrics endpoint listening" log line (`address=127.0.0.1:PORT`).
    static func listeningPort(_ log: String) -> Int? {
        for line in log.split(separator: "\n") where line.contains("metrics endpoint listening") {
            if let field = line.split(separator: " ").first(where: { $0.hasPrefix("address=127.0.0.1:") }) {
                return Int(field.dropFirst("address=127.0.0.1:".count))
            }
        }
        return nil
    }

    @Test(.timeLimit(.minutes(2)))
    func theDaemonServesItsMetricsOverHTTPOnLoopback() async throws {
        let folder = try TemporaryFolder("seedwatch-e2e-listen")
        let root = folder.url
        let config = try writeDaemonConfig(in: root, settle: "0.2s")
        try Self.appendMetrics("\nmetrics:\n  listen: 127.0.0.1:0\n", to: config)
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "\(daemon.log.suffix(2000))")
        let port = try #require(Self.listeningPort(daemon.log), "\(daemon.log.suffix(2000))")
        try "Putin meets Kim Jong Un\n\nRussia and North Korea discussed sanctions.\n"
            .write(to: root.appendingPathComponent("drop/a.txt"), atomically: false, encoding: .utf8)
        #expect(waitUntil(30) { StopAndLockEndToEndTests.pathsRead(daemon.log).count == 1 })

        let fetcher = CurlFetcher(concurrency: 1)
        defer { fetcher.shutdown() }
        let response = await fetcher.fetch(FeedRequest(url: "http://127.0.0.1:\(port)/metrics"))
        #expect(response.status == 200, "\(response.error.map { "\($0)" } ?? "")")
        #expect(response.contentType == "text/plain; version=0.0.4; charset=utf-8")
        let lines = Set(String(decoding: response.body, as: UTF8.self).split(separator: "\n").map(String.init))
        for expected in [
            "# TYPE seedwatch_files_processed_total counter", "seedwatch_files_processed_total 1",
            "seedwatch_files_skipped_total 0", "seedwatch_decisions_total 1", "seedwatch_errors_total 0",
            "seedwatch_decision_duration_seconds_count 1", "seedwatch_drop_queue_files 0.0", "seedwatch_deferred_files 0.0",
            "seedwatch_feed_fetch_duration_seconds_count{outcome=\"ok\"} 0",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        let after = await fetcher.fetch(FeedRequest(url: "http://127.0.0.1:\(port)/metrics"))
        #expect(after.status == 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func aPortHeldByAnotherProgramIsAConfigurationErrorNamingTheAddress() throws {
        let (holder, port) = try Self.listeningSocket()
        defer { close(holder) }
        let held = "127.0.0.1:\(port)"
        let folder = try TemporaryFolder("seedwatch-e2e-listen-taken")
        let root = folder.url
        let config = try writeDaemonConfig(in: root, settle: "0.2s")
        try Self.appendMetrics("\nmetrics:\n  listen: \(held)\n", to: config)
        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(daemon.waitForExit(timeout: 60) == 78)
        #expect(daemon.log.contains("metrics.listen \(held): cannot listen: Address already in use; "
            + "another program listens there: choose another port in metrics.listen"), "\(daemon.log.suffix(2000))")
        #expect(notify.wait(for: "READY=1", timeout: 0.5) == nil)
    }

    /// A TCP socket listening on 127.0.0.1 at a port the system chose, as another program would hold it.
    static func listeningSocket() throws -> (descriptor: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
        return (fd, UInt16(bigEndian: address.sin_port))
    }
}
