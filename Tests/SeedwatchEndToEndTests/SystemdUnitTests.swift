import Foundation
import Testing

/// The shipped unit, checked by systemd's own tools on a copy whose `ExecStart` runs the built binary.
@Suite("systemd unit")
struct SystemdUnitTests {
    static let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func unitCopy(in folder: URL) throws -> URL {
        let text = try String(contentsOf: Paths.packageRoot.appendingPathComponent("systemd/seedwatch.service"), encoding: .utf8)
        let copy = text.replacingOccurrences(of: "=/usr/local/bin/seedwatch ", with: "=\(Paths.binary.path) ")
        #expect(copy != text, "ExecStart was not found in the unit")
        let url = folder.appendingPathComponent("seedwatch.service")
        try copy.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: analyze!)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: analyze != nil, "systemd-analyze is not installed (apt-get install systemd)"))
    func unitVerifies() throws {
        let folder = try TemporaryFolder("seedwatch-unit")
        let unit = try Self.unitCopy(in: folder.url)
        let result = try Self.run(["verify", unit.path])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: analyze != nil, "systemd-analyze is not installed (apt-get install systemd)"))
    func unitIsHardened() throws {
        let folder = try TemporaryFolder("seedwatch-unit")
        let unit = try Self.unitCopy(in: folder.url)
        let result = try Self.run(["security", "--offline=yes", unit.path])
        let line = result.output.split(separator: "\n").first { $0.contains("Overall exposure level") }.map(String.init) ?? ""
        print("systemd-analyze security: \(line)")
        // "→ Overall exposure level for seedwatch.service: 1.2 OK"
        let exposure = line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
        #expect(exposure != nil, "\(result.output.suffix(500))")
        #expect((exposure ?? 10) <= 2.0)
    }

    /// The reload checks the configuration before SIGHUP (a bad one fails `systemctl reload`), and a
    /// configuration error (78) does not restart-loop.
    @Test func unitSpeaksNotifyAndReloadsWithHUP() throws {
        let text = try String(contentsOf: Paths.packageRoot.appendingPathComponent("systemd/seedwatch.service"), encoding: .utf8)
        let lines = Set(text.split(separator: "\n").map(String.init))
        for required in ["Type=notify", "ExecReload=/bin/kill -HUP $MAINPID", "WatchdogSec=60", "StateDirectory=seedwatch",
                         "ExecReload=/usr/local/bin/seedwatch check-config --config /etc/seedwatch/seedwatch.yaml",
                         "RestartPreventExitStatus=78",
                         "LogsDirectory=seedwatch", "ConfigurationDirectory=seedwatch",
                         "ExecStart=/usr/local/bin/seedwatch run --config /etc/seedwatch/seedwatch.yaml"] {
            #expect(lines.contains(required), "missing \(required)")
        }
    }
}
