import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Synchronization
import Testing

/// A burst of files and a new subfolder (inotify overflow and new subfolders) through the whole
/// in-process pipeline: real inotify, the watcher, the processor, the state store and the alert
/// log (a burst scaled down from 20,000 to 2,000 files to keep the suite short).
@Suite("Pipeline: burst into the drop folder and a new subfolder")
struct BurstPipelineTests {
    /// Waits until the processor has read `count` files, or `timeout` seconds passed.
    static func waitForFilesProcessed(_ processor: ArticleProcessor, _ count: Int, timeout: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while await processor.counters.filesProcessed < count && Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        return await processor.counters.filesProcessed >= count
    }

    @Test(.timeLimit(.minutes(3)))
    func everyFileOfABurstAndOfANewSubfolderAlertsExactlyOnce() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        let drop = f.folder.url("drop")
        let watcher = DropFolderWatcher(settings: DropFolderSettings(path: drop.path, settle: 0.2), logger: f.recorder.logger())
        let files = try await watcher.start()
        let emitted = Atomic<Int>(0)
        let consumer = Task {
            for await file in files {
                emitted.add(1, ordering: .relaxed)
                await f.dropFolder.process(file, maxBytes: 1 << 20)
            }
        }
        let count = 2_000
        for i in 1...count {
            try Data("Putin statement \(i)\n".utf8).write(to: drop.appendingPathComponent("bulk-\(i).txt"))
        }
        try FileManager.default.createDirectory(at: drop.appendingPathComponent("2026/11/28"), withIntermediateDirectories: true)
        try Data("Kim Jong Un visited Pyongyang.\n".utf8).write(to: drop.appendingPathComponent("2026/11/28/a.txt"))

        // First the positive event: every file of the burst and of the subfolder was read.
        #expect(try await Self.waitForFilesProcessed(f.processor, count + 1, timeout: 150))
        // Then nothing more may arrive: a sentinel dropped now settles after every earlier file
        // (the watcher checks settled paths in path order), so once it is read, nothing emitted
        // before it is still on its way.
        try Data("sentinel\n".utf8).write(to: drop.appendingPathComponent(sentinelName))
        #expect(try await Self.waitForFilesProcessed(f.processor, count + 2, timeout: 30))
        watcher.stop()
        consumer.cancel()

        #expect(emitted.load(ordering: .relaxed) == count + 2, "a file was emitted twice")
        let counters = await f.processor.counters
        #expect(counters.filesProcessed == count + 2)
        #expect(counters.filesSkipped == 0)
        #expect(counters.alertsWritten == count + 1)

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
