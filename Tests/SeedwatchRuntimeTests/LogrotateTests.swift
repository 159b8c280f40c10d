import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Synchronization
import Testing

/// The logrotate(8) binary, when installed.
enum Logrotate {
    static let binary = "/usr/sbin/logrotate"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }
}

/// Case 24 with the real logrotate(8): 1,000 alerts while `logrotate -f` runs five times.
@Suite(.enabled(if: Logrotate.isInstalled, "logrotate is not installed (apt-get install logrotate): real-rotation tests skipped"))
struct LogrotateTests {

    /// Writes `alerts.jsonl` 1,000 times at about one line a millisecond while a second task runs
    /// `logrotate -f` five times, each when the writer has passed 150, 300, 450, 600 and 750 lines.
    /// The last line waits for the rotator, so every rotation is followed by an append.
    func run(directive: String, in folder: TemporaryFolder) async throws -> [AlertLogWarning] {
        let config = folder.file("logrotate.conf")
        try Data("""
            \(folder.file("alerts.jsonl")) {
                rotate 24
                \(directive)
                missingok
            }

            """.utf8).write(to: URL(fileURLWithPath: config))
        let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
        let progress = Atomic<Int>(0)
        let state = folder.file("logrotate.state")
        let rotator = Task.detached { () throws -> [Int32] in
            var statuses: [Int32] = []
            for k in 1...5 {
                while progress.load(ordering: .acquiring) < 150 * k { try await Task.sleep(for: .milliseconds(1)) }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: Logrotate.binary)
                process.arguments = ["-f", "-s", state, config]
                try process.run()
                process.waitUntilExit()
                statuses.append(process.terminationStatus)
            }
            return statuses
        }
        var warnings: [AlertLogWarning] = []
        for n in 0..<999 {
            warnings += try writer.append(numberedLine(n))
            progress.store(n + 1, ordering: .releasing)
            try await Task.sleep(for: .milliseconds(1))
        }
        #expect(try await rotator.value == [0, 0, 0, 0, 0])
        warnings += try writer.append(numberedLine(999))
        return warnings
    }

    @Test func renameAndCreateLosesNoLine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let warnings = try await run(directive: "create 0640", in: folder)
        #expect(warnings.count == 5)
        // An append that lands between logrotate's rename and its create finds the path gone and
        // creates the file itself; either way the line goes to the new file.
        #expect(warnings.allSatisfy { $0 == .rotated(path: folder.file("alerts.jsonl")) || $0 == .pathGone(path: folder.file("alerts.jsonl")) })
        let (lines, nul) = allLogLines(folder, rotated: 5)
        #expect(nul == 0)
        #expect(lines.count == 1000)
        let ids = try lines.map { try AlertLogEntry.decode(line: $0).id }
        #expect(Set(ids).count == 1000)
        #expect(!FileManager.default.fileExists(atPath: folder.file("alerts.jsonl.6")))
    }

    @Test func copytruncateLeavesNoNULHoleAndIsReported() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let warnings = try await run(directive: "copytruncate", in: folder)
        let truncations = warnings.filter { if case .truncated = $0 { return true } else { return false } }
        #expect(truncations.count == 5)
        let (lines, nul) = allLogLines(folder, rotated: 5)
        #expect(nul == 0)
        // Lines written between logrotate's copy and its truncate are lost: that is why copytruncate is not shipped.
        #expect(lines.count <= 1000 && lines.count >= 990)
        let ids = try lines.map { try AlertLogEntry.decode(line: $0).id }
        #expect(Set(ids).count == lines.count)
    }
}
