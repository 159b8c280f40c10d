import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// Case 18 through the whole in-process pipeline: real inotify, the watcher, the processor, the
/// state store and the alert log (a burst scaled down from 20,000 to 2,000 files to keep the suite short).
@Suite("Pipeline: burst into the drop folder (case 18)")
struct BurstPipelineTests {
    @Test(.timeLimit(.minutes(3)))
    func everyFileOfABurstAndOfANewSubfolderAlertsExactlyOnce() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        let drop = f.folder.url("drop")
        let watcher = DropFolderWatcher(settings: DropFolderSettings(path: drop.path, settle: 0.2), logger: f.recorder.logger())
        let files = try await watcher.start()
        let consumer = Task {
            for await file in files { await f.dropFolder.process(file, maxBytes: 1 << 20) }
        }
        let count = 2_000
        for i in 1...count {
            try Data("Putin statement \(i)\n".utf8).write(to: drop.appendingPathComponent("bulk-\(i).txt"))
        }
        try FileManager.default.createDirectory(at: drop.appendingPathComponent("2026/11/28"), withIntermediateDirectories: true)
        try Data("Kim Jong Un visited Pyongyang.\n".utf8).write(to: drop.appendingPathComponent("2026/11/28/a.txt"))

        let deadline = Date().addingTimeInterval(150)
        while f.alerts.count < count + 1 && Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
        try await Task.sleep(for: .seconds(1))  // nothing more may arrive
        watcher.stop()
        consumer.cancel()

        let alerts = f.alerts
        #expect(alerts.count == count + 1)
        let titles = alerts.compactMap { $0["title"] as? String }
        #expect(Set(titles).count == count + 1, "a file alerted twice")
        let bulk = alerts.filter { ($0["title"] as? String)?.hasPrefix("Putin statement ") == true }
        #expect(bulk.count == count)
        #expect(bulk.allSatisfy { f.actorIDs($0) == ["vladimir_putin"] })
        let nested = alerts.first { ($0["title"] as? String) == "Kim Jong Un visited Pyongyang." }
        #expect(nested.map(f.actorIDs) == ["kim_jong_un", "north_korea"])
        #expect((nested?["source"] as? [String: Any])?["path"] as? String == drop.path + "/2026/11/28/a.txt")
    }
}
