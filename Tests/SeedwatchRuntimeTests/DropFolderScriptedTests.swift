import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// The watcher driven by a scripted event source over real files in a temporary folder.
@Suite struct DropFolderScriptedTests {
    let folder: WatchedTemporaryFolder
    let source = ScriptedFileEventSource()
    let recorder = LogRecorder()
    let collector = ReadyFileCollector()

    init() throws { folder = try WatchedTemporaryFolder() }

    func start(maxBytes: Int64 = DropFolderSettings.defaultMaxBytes, rescan: Double = 600,
               rootRecheck: Double = 2) async throws -> DropFolderWatcher {
        let settings = DropFolderSettings(path: folder.path, settle: 0.2, maxBytes: maxBytes, rescanInterval: rescan,
                                          rootRecheckInterval: rootRecheck)
        let watcher = DropFolderWatcher(settings: settings, logger: recorder.logger(), source: source)
        await collector.consume(try await watcher.start())
        return watcher
    }

    func stop(_ watcher: DropFolderWatcher) async {
        watcher.stop()
        await collector.finish()
        folder.remove()
    }

    var warningsAndErrors: [LogRecorder.Line] { recorder.all.filter { $0.level >= .warning } }

    /// Drops the sentinel file (a real file and its `IN_CLOSE_WRITE`) and waits until it arrives as
    /// the `count`-th emitted file: every event scripted before it has been handled by then.
    /// - Returns: whether it arrived.
    func dropSentinel(expecting count: Int) async throws -> Bool {
        try folder.write(sentinelName, "sentinel")
        source.emit(in: folder.bytes, mask: .closeWrite, name: Array(sentinelName.utf8))
        return await collector.waitFor(count: count)
    }

    /// Waits until the watcher has started `count` more safety rescans than it had when called, so
    /// that `count - 1` whole rescans ran in between.
    func waitForRescans(_ count: Int) async -> Bool {
        let before = recorder.lines(.debug, "safety rescan").count
        return await recorder.waitFor(.debug, "safety rescan", count: before + count)
    }

    /// Temporary names (an editor's `.goutputstream-*`, a download's `.filepart`) are ignored; the
    /// final name is emitted once, and not again when saved with the same content.
    @Test func temporaryNamesAreIgnoredAndOnlyFinalNamesAreEmittedOnce() async throws {
        let watcher = try await start()
        let root = folder.bytes
        func emit(_ mask: FileEventMask, _ name: String, cookie: UInt32 = 0) {
            source.emit(in: root, mask: mask, name: Array(name.utf8), cookie: cookie)
        }
        try folder.write("notes.md", "Mr Kim and President Xi met in Beijing.")
        emit(.create, ".goutputstream-Q7ZK2X")
        emit(.modify, ".goutputstream-Q7ZK2X")
        emit(.closeWrite, ".goutputstream-Q7ZK2X")
        emit(.movedFrom, ".goutputstream-Q7ZK2X", cookie: 4711)
        emit(.movedTo, "notes.md", cookie: 4711)
        try folder.write("wire.xml", "<rss version=\"2.0\"><channel><title>Wire</title></channel></rss>")
        emit(.create, "wire.xml.filepart")
        emit(.closeWrite, "wire.xml.filepart")
        emit(.movedFrom, "wire.xml.filepart", cookie: 4712)
        emit(.movedTo, "wire.xml", cookie: 4712)
        await collector.waitFor(count: 2)
        // notes.md saved again with identical content (same file on disk): not emitted again.
        emit(.create, ".goutputstream-H2PL9A")
        emit(.closeWrite, ".goutputstream-H2PL9A")
        emit(.movedFrom, ".goutputstream-H2PL9A", cookie: 4713)
        emit(.movedTo, "notes.md", cookie: 4713)
        try folder.write("moved-in.txt", "Moved in from outside the tree.")
        emit(.movedTo, "moved-in.txt", cookie: 9001)
        emit(.movedFrom, "moved-out.txt", cookie: 9002)  // moved out of the tree: forgotten silently
        await collector.waitFor(count: 3)
        #expect(try await dropSentinel(expecting: 4))
        await stop(watcher)

        #expect(await collector.paths == ["notes.md", "wire.xml", "moved-in.txt", sentinelName])
        let notes = await collector.files.first
        #expect(notes?.size == 39)
        #expect(notes?.absolutePath == folder.bytes("notes.md"))
        let ignored = recorder.lines(.debug, "ignored file").compactMap(\.path)
        #expect(ignored == [
            folder.path + "/.goutputstream-Q7ZK2X", folder.path + "/wire.xml.filepart",
            folder.path + "/.goutputstream-H2PL9A",
        ])
        #expect(warningsAndErrors == [])
    }

    @Test func queueOverflowRescansAndEmitsFilesWhoseEventsWereLost() async throws {
        try folder.write("a.txt", "Putin statement 1\n")
        let watcher = try await start()
        await collector.waitFor(count: 1)
        #expect(await collector.paths == ["a.txt"])
        // Events for these are lost: only the overflow notice arrives.
        try folder.write("b.txt", "Putin statement 2\n")
        try folder.makeFolder("2026/11/28")
        try folder.write("2026/11/28/a.txt", "Kim Jong Un visited Pyongyang.\n")
        source.emitOverflow()
        await collector.waitFor(count: 3)
        #expect(try await dropSentinel(expecting: 4))
        await stop(watcher)

        #expect(await collector.paths == ["a.txt", "2026/11/28/a.txt", "b.txt", sentinelName])
        #expect(recorder.lines(.warning, "inotify queue overflow, rescanning").count == 1)
        #expect(source.watchedPaths.map { String(decoding: $0, as: UTF8.self) } == [
            folder.path, folder.path + "/2026", folder.path + "/2026/11", folder.path + "/2026/11/28",
        ])
    }

    @Test func newFolderIsWatchedThenScanned() async throws {
        let watcher = try await start()
        // `mkdir -p x/y/z` and a file, all before the watcher handles the first IN_CREATE.
        try folder.makeFolder("x/y/z")
        try folder.write("x/y/z/deep.txt", "deep")
        source.emit(in: folder.bytes, mask: [.create, .isDirectory], name: Array("x".utf8))
        await collector.waitFor(count: 1)
        #expect(try await dropSentinel(expecting: 2))
        await stop(watcher)
        #expect(await collector.paths == ["x/y/z/deep.txt", sentinelName])
        #expect(source.watchedPaths.count == 4)
    }

    @Test func watchLimitPollsTheFolderAtEachRescanWithOneErrorLine() async throws {
        try folder.makeFolder("deep")
        try folder.write("deep/old.txt", "old")
        source.failWatch(path: folder.bytes("deep"), with: .watchLimitReached)
        let watcher = try await start(rescan: 0.5)
        await collector.waitFor(count: 1)
        try folder.write("deep/new.txt", "new")  // no watch, no event: found by the next rescan
        await collector.waitFor(count: 2)
        #expect(await waitForRescans(3))  // two whole rescans more, each polling the folder
        #expect(try await dropSentinel(expecting: 3))
        await stop(watcher)
        #expect(await collector.paths == ["deep/old.txt", "deep/new.txt", sentinelName])
        let errors = recorder.all.filter { $0.level == .error }
        #expect(errors.map(\.path) == [folder.path + "/deep"])
        #expect(errors.first?.message == "inotify watch limit reached (fs.inotify.max_user_watches); polling folder at each rescan")
    }

    @Test func permissionDeniedFolderIsOneWarningAndTheRestGoesOn() async throws {
        try folder.makeFolder("locked")
        try folder.write("locked/secret.txt", "secret")
        try folder.write("open.txt", "open")
        source.failWatch(path: folder.bytes("locked"), with: .permissionDenied)
        let watcher = try await start(rescan: 0.3)
        await collector.waitFor(count: 1)
        #expect(await waitForRescans(3))  // two whole rescans more, each trying the folder again
        #expect(try await dropSentinel(expecting: 2))
        await stop(watcher)
        #expect(await collector.paths == ["open.txt", sentinelName])
        #expect(warningsAndErrors == [.init(level: .warning, message: "folder cannot be watched", path: folder.path + "/locked")])
    }

    @Test func emptyFileIsLoggedOnceAndEmittedWhenItGetsContent() async throws {
        let watcher = try await start()
        try folder.write("empty.txt", "")
        source.emit(in: folder.bytes, mask: .closeWrite, name: Array("empty.txt".utf8))
        #expect(await recorder.waitFor(.info, "empty file, waiting", count: 1))
        source.emit(in: folder.bytes, mask: .closeWrite, name: Array("empty.txt".utf8))
        #expect(try await dropSentinel(expecting: 1))  // the second look at the empty file is done
        #expect(await collector.paths == [sentinelName])
        try folder.write("empty.txt", "Now it has content.")
        source.emit(in: folder.bytes, mask: .closeWrite, name: Array("empty.txt".utf8))
        await collector.waitFor(count: 2)
        await stop(watcher)
        #expect(await collector.paths == [sentinelName, "empty.txt"])
        #expect(await collector.files.map(\.size) == [8, 19])
        #expect(recorder.lines(.info, "empty file, waiting").map(\.path) == [folder.path + "/empty.txt"])
    }

    @Test func fileOverMaxBytesIsRefusedWithOneWarning() async throws {
        try folder.write("big.txt", "0123456789ABCDEF")  // 16 bytes
        try folder.write("small.txt", "0123")
        let watcher = try await start(maxBytes: 10, rescan: 0.3)
        await collector.waitFor(count: 1)
        #expect(await waitForRescans(3))  // two whole rescans more, each finding big.txt again
        #expect(try await dropSentinel(expecting: 2))
        await stop(watcher)
        #expect(await collector.paths == ["small.txt", sentinelName])
        #expect(warningsAndErrors == [
            .init(level: .warning, message: "file larger than drop_folder.max_bytes refused", path: folder.path + "/big.txt")
        ])
    }

    @Test func vanishedFileIsOneDebugLineAndNoCrash() async throws {
        let watcher = try await start()
        source.emit(in: folder.bytes, mask: .closeWrite, name: Array("gone.txt".utf8))
        #expect(await recorder.waitFor(.debug, "file vanished before it settled", count: 1))
        try folder.write("later.txt", "later")
        source.emit(in: folder.bytes, mask: .closeWrite, name: Array("later.txt".utf8))
        await collector.waitFor(count: 1)
        await stop(watcher)
        #expect(await collector.paths == ["later.txt"])
        #expect(recorder.lines(.debug, "file vanished before it settled").map(\.path) == [folder.path + "/gone.txt"])
        #expect(warningsAndErrors == [])
    }

    /// `mv drop drop.away; mkdir drop`: the new folder at the path is watched and scanned once it
    /// is there, not at the next safety rescan (10 minutes here).
    @Test func aDropFolderMovedAwayAndRecreatedIsWatchedAgain() async throws {
        try folder.write("old.txt", "old")
        let watcher = try await start(rootRecheck: 0.05)
        #expect(await collector.waitFor(count: 1))
        let moved = "drop folder was moved; its new place is not watched; watching its path again once a folder is there"
        let away = folder.path + ".away", fresh = folder.path + ".new"
        defer {
            try? FileManager.default.removeItem(atPath: away)
            try? FileManager.default.removeItem(atPath: fresh)
        }
        try FileManager.default.moveItem(atPath: folder.path, toPath: away)
        source.emit(in: folder.bytes, mask: .moveSelf, name: [])
        #expect(await recorder.waitFor(.error, moved, count: 1))
        #expect(source.watchedPaths == [])
        // The new folder appears at the path with a file in it (renamed into place whole).
        try FileManager.default.createDirectory(atPath: fresh, withIntermediateDirectories: false)
        try Data("new".utf8).write(to: URL(fileURLWithPath: fresh + "/new.txt"))
        try FileManager.default.moveItem(atPath: fresh, toPath: folder.path)
        #expect(await recorder.waitFor(.info, "drop folder is back; watched again", count: 1))
        #expect(source.watchedPaths == [folder.bytes])
        #expect(try await dropSentinel(expecting: 3))
        await stop(watcher)
        #expect(await collector.paths == ["old.txt", "new.txt", sentinelName])
        #expect(warningsAndErrors == [.init(level: .error, message: moved, path: folder.path)])
        #expect(recorder.lines(.debug, "safety rescan").isEmpty)
    }

    @Test func startFailsForAMissingFolder() async throws {
        folder.remove()
        let watcher = DropFolderWatcher(
            settings: DropFolderSettings(path: folder.path), logger: recorder.logger(), source: source)
        await #expect(throws: DropFolderError.folderUnavailable(path: folder.path, errno: 2)) {
            _ = try await watcher.start()
        }
    }
}
