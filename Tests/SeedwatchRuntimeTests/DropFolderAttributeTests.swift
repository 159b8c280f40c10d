#if canImport(Glibc)
import Foundation
import Glibc
import Logging
import SeedwatchCore
import SeedwatchRuntime
import Synchronization
import Testing

/// The watcher on real inotify: `chmod` (which changes neither size nor mtime) makes a file or
/// folder be looked at again, and a file above `max_bytes` is refused with one line however it grows.
@Suite struct DropFolderAttributeTests {
    let folder: WatchedTemporaryFolder
    let recorder = LogRecorder()
    let collector = ReadyFileCollector()

    init() throws { folder = try WatchedTemporaryFolder() }

    func start(maxBytes: Int64 = 64 << 20) async throws -> DropFolderWatcher {
        let settings = DropFolderSettings(path: folder.path, settle: 0.2, maxBytes: maxBytes)
        let watcher = DropFolderWatcher(settings: settings, logger: recorder.logger())
        await collector.consume(try await watcher.start())
        return watcher
    }

    /// Drops the sentinel file and waits until it arrives as the `count`-th emitted file (every
    /// earlier event has been handled by then), then stops the watcher.
    /// - Returns: whether the sentinel arrived.
    func stop(_ watcher: DropFolderWatcher, sentinelAt count: Int) async throws -> Bool {
        defer { folder.remove() }
        try folder.write(sentinelName, "sentinel")
        let arrived = await collector.waitFor(count: count)
        watcher.stop()
        await collector.finish()
        return arrived
    }

    @Test func aFileMadeReadableByChmodIsEmittedAgain() async throws {
        let watcher = try await start()
        try folder.write("report.txt", "Putin statement\n")
        _ = chmod(folder.path + "/report.txt", 0o000)
        await collector.waitFor(count: 1)
        // The consumer could not read it (as a non-root daemon); the owner fixes the mode.
        _ = chmod(folder.path + "/report.txt", 0o644)
        await collector.waitFor(count: 2, timeout: 5)
        #expect(try await stop(watcher, sentinelAt: 3))
        #expect(await collector.paths == ["report.txt", "report.txt", sentinelName])
    }

    @Test func aFolderChmodListsItAgainWithoutEmittingUnchangedFilesTwice() async throws {
        let watcher = try await start()
        try folder.makeFolder("closed")
        await pause(0.3)
        try folder.write("closed/a.txt", "Kim Jong Un statement\n")
        await collector.waitFor(count: 1)
        _ = chmod(folder.path + "/closed", 0o700)
        await pause(0.6)
        try folder.write("closed/b.txt", "Xi Jinping statement\n")
        await collector.waitFor(count: 2)
        #expect(try await stop(watcher, sentinelAt: 3))
        #expect(await collector.paths == ["closed/a.txt", "closed/b.txt", sentinelName])
    }

    /// Tryout F9: the refusal reaches the file's history, which `seedwatch why PATH` prints.
    @Test func aFileRefusedForMaxBytesIsSkippedInItsHistory() async throws {
        let pipeline = try PipelineFixture()
        let refused = Mutex<[[UInt8]: Int64]>([:])
        let watcher = DropFolderWatcher(settings: DropFolderSettings(path: folder.path, settle: 0.2, maxBytes: 1000),
                                        logger: recorder.logger()) { path, size in refused.withLock { $0[path] = size } }
        await collector.consume(try await watcher.start())
        try folder.write("big.txt", String(repeating: "x", count: 2000))
        #expect(await recorder.waitFor(.warning, "file larger than drop_folder.max_bytes refused", count: 1))
        #expect(try await stop(watcher, sentinelAt: 1))
        let path = Array((folder.path + "/big.txt").utf8)
        #expect(refused.withLock { $0 } == [path: 2000])
        await pipeline.dropFolder.noteRefused(path: path, size: 2000, maxBytes: 1000)
        let events = try pipeline.store.events(subject: path)
        #expect(events.map(\.kind) == [.skipped])
        #expect(events.map(\.detail) == ["larger than drop_folder.max_bytes (2000 > 1000 bytes)"])
    }

    @Test func aGrowingFileAboveMaxBytesIsRefusedWithOneLine() async throws {
        let watcher = try await start(maxBytes: 1000)
        try folder.write("big.txt", String(repeating: "x", count: 2000))
        #expect(await recorder.waitFor(.warning, "file larger than drop_folder.max_bytes refused", count: 1))
        for _ in 0..<3 {
            let handle = try FileHandle(forWritingTo: folder.url("big.txt"))
            handle.seekToEndOfFile()
            handle.write(Data(String(repeating: "y", count: 100).utf8))
            try handle.close()
            await pause(0.5)
        }
        #expect(try await stop(watcher, sentinelAt: 1))
        #expect(await collector.paths == [sentinelName])
        #expect(recorder.lines(.warning, "file larger than drop_folder.max_bytes refused").map(\.path)
                == [folder.path + "/big.txt"])
    }
}
#endif
