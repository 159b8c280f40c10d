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

/// Lines lost to log rotation, with the real logrotate(8): 1,000 alerts while `logrotate -f` runs five times.
@Suite(.enabled(if: Logrotate.isInstalled, "logrotate is not installed (apt-get install logrotate): real-rotation tests skipped"))
struct LogrotateTests {
    /// What one run saw.
    struct Run {
        var warnings: [AlertLogWarning]
        /// For each rotation, the numbers of the lines that may have been appended while logrotate
        /// ran: from the writer's progress when it started to its progress when it ended.
        var windows: [ClosedRange<Int>]
    }

    /// Writes `alerts.jsonl` 1,000 times at about one line a millisecond while a second task runs
    /// `logrotate -f` five times, rotation k once the writer has passed 150·k lines. The writer
    /// does not append line 150·k + 50 before rotation k has ended, so every rotation is followed by
    /// appends before the next one starts however slowly logrotate runs on a loaded machine, and
    /// the last line waits for the rotator.
    func run(directive: String, in folder: TemporaryFolder) async throws -> Run {
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
        let rotationsDone = Atomic<Int>(0)
        let state = folder.file("logrotate.state")
        let rotator = Task.detached { () throws -> (statuses: [Int32], windows: [ClosedRange<Int>]) in
            var statuses: [Int32] = []
            var windows: [ClosedRange<Int>] = []
            for k in 1...5 {
                while progress.load(ordering: .acquiring) < 150 * k { try await Task.sleep(for: .milliseconds(1)) }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: Logrotate.binary)
                process.arguments = ["-f", "-s", state, config]
                let first = progress.load(ordering: .acquiring)
                try process.run()
                process.waitUntilExit()
                windows.append(first...progress.load(ordering: .acquiring))
                statuses.append(process.terminationStatus)
                rotationsDone.store(k, ordering: .releasing)
            }
            return (statuses, windows)
        }
        var warnings: [AlertLogWarning] = []
        for n in 0..<999 {
            let k = (n - 50) / 150
            if n % 150 == 50, (1...5).contains(k) {
                while rotationsDone.load(ordering: .acquiring) < k { try await Task.sleep(for: .milliseconds(1)) }
            }
            warnings += try writer.append(numberedLine(n))
            progress.store(n + 1, ordering: .releasing)
            try await Task.sleep(for: .milliseconds(1))
        }
        let rotations = try await rotator.value
        #expect(rotations.statuses == [0, 0, 0, 0, 0])
        warnings += try writer.append(numberedLine(999))
        return Run(warnings: warnings, windows: rotations.windows)
    }

    @Test func renameAndCreateLosesNoLine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let warnings = try await run(directive: "create 0640", in: folder).warnings
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
        let run = try await run(directive: "copytruncate", in: folder)
        let warnings = run.warnings
        let truncations = warnings.filter { if case .truncated = $0 { return true } else { return false } }
        #expect(truncations.count == 5)
        // logrotate copies the file while lines are appended, so a copy may end inside a line: that
        // torn tail is kept aside (it belongs to a line appended during logrotate's run).
        var lines: [[UInt8]] = []
        var torn: [[UInt8]] = []
        var nul = 0
        for name in stride(from: 5, through: 1, by: -1).map({ "alerts.jsonl.\($0)" }) + ["alerts.jsonl"] {
            var bytes = folder.bytes(name)
            nul += bytes.filter { $0 == 0 }.count
            if name != "alerts.jsonl", let last = bytes.last, last != 0x0A {
                let start = bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                torn.append(Array(bytes[start...]))
                bytes.removeSubrange(start...)
            }
            lines += splitLines(bytes)
        }
        #expect(nul == 0)
        // Lines written between logrotate's copy and its truncate are lost: that is why copytruncate
        // is not shipped. Every lost line was appended while logrotate ran; every other line is kept.
        let ids = try lines.map { try AlertLogEntry.decode(line: $0).id }
        #expect(Set(ids).count == lines.count)
        let lost = Set((0..<1000).map(numberedID)).subtracting(ids)
        let lostNumbers = (0..<1000).filter { lost.contains(numberedID($0)) }
        print("copytruncate: \(lostNumbers.count) lines lost (\(lostNumbers)) in logrotate's runs \(run.windows)")
        #expect(lostNumbers.allSatisfy { n in run.windows.contains { $0.contains(n) } },
                "lines lost outside logrotate's runs \(run.windows): \(lostNumbers)")
        #expect(lines.count == 1000 - lostNumbers.count)
        #expect(torn.allSatisfy { tail in lostNumbers.contains { numberedLine($0).starts(with: tail) } },
                "a torn tail that is no lost line's beginning: \(torn.map { String(decoding: $0, as: UTF8.self) })")
    }
}
