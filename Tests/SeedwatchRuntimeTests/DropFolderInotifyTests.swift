#if canImport(Glibc)
import Foundation
import Glibc
import Logging
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The watcher on real inotify, in a temporary folder, with a 0.2 s settle period.
@Suite struct DropFolderInotifyTests {
    let folder: WatchedTemporaryFolder
    let recorder = LogRecorder()
    let collector = ReadyFileCollector()

    init() throws { folder = try WatchedTemporaryFolder() }

    func start(settle: Double = 0.2, rootRecheck: Double = 2) async throws -> DropFolderWatcher {
        let settings = DropFolderSettings(path: folder.path, settle: settle, rootRecheckInterval: rootRecheck)
        let watcher = DropFolderWatcher(settings: settings, logger: recorder.logger())
        await collector.consume(try await watcher.start())
        return watcher
    }

    /// Stops the watcher after `quiet` seconds without new files, and cleans up.
    func stop(_ watcher: DropFolderWatcher, after quiet: Double = 0.6) async {
        await pause(quiet)
        watcher.stop()
        await collector.finish()
        folder.remove()
    }

    func inode(_ path: String) -> UInt64 {
        var st = stat()
        _ = stat(path, &st)
        return UInt64(st.st_ino)
    }

    @Test func startUpScanEmitsExistingFiles() async throws {
        try folder.makeFolder("2026/11/28")
        try folder.makeFolder(".hidden")
        try folder.write("first.txt", "Putin statement 1\n")
        try folder.write("2026/11/28/a.txt", "Kim Jong Un visited Pyongyang.\n")
        try folder.write("draft.tmp", "temporary")
        try folder.write(".hidden/secret.txt", "hidden")
        try folder.write("empty.txt", "")
        let watcher = try await start()
        await collector.waitFor(count: 2)
        let firstInode = inode(folder.path + "/first.txt")
        await stop(watcher)
        #expect(await collector.paths == ["2026/11/28/a.txt", "first.txt"])
        let first = await collector.files.last
        #expect(first?.size == 18)
        #expect(first?.inode == firstInode)
        #expect(firstInode != 0)
        #expect(recorder.lines(.info, "empty file, waiting").map(\.path) == [folder.path + "/empty.txt"])
    }

    /// `mv drop drop.away; mkdir drop`: the kernel's IN_MOVE_SELF makes the watcher look for the
    /// path; a file written into the new folder is read then, not at the next safety rescan, and a
    /// file written into the folder moved away is not read.
    @Test func aDropFolderMovedAwayAndRecreatedIsWatchedAgain() async throws {
        let watcher = try await start(rootRecheck: 0.1)
        let away = folder.path + ".away"
        defer { try? FileManager.default.removeItem(atPath: away) }
        try FileManager.default.moveItem(atPath: folder.path, toPath: away)
        let moved = "drop folder was moved; its new place is not watched; watching its path again once a folder is there"
        #expect(await recorder.waitFor(.error, moved, count: 1))
        try Data("away".utf8).write(to: URL(fileURLWithPath: away + "/away.txt"))
        try folder.makeFolder("")
        #expect(await recorder.waitFor(.info, "drop folder is back; watched again", count: 1))
        try folder.write("new.txt", "new")
        #expect(await collector.waitFor(count: 1))
        await stop(watcher)
        #expect(await collector.paths == ["new.txt"])
        #expect(recorder.all.filter { $0.level >= .warning } == [.init(level: .error, message: moved, path: folder.path)])
    }

    @Test func slowWriterIsEmittedOnceWithItsFinalSize() async throws {
        // Settle is long against the pauses so that a loaded machine (tests run in parallel) cannot
        // stretch a pause past it.
        let watcher = try await start(settle: 2.0)
        let path = folder.path + "/brief.html"
        // Open, append 1000 bytes, close; 10 times with 0.05 s pauses.
        for _ in 0..<10 {
            let file = fopen(path, "a")!
            fwrite(Array(repeating: UInt8(ascii: "x"), count: 1000), 1, 1000, file)
            fclose(file)
            usleep(50_000)
        }
        await collector.waitFor(count: 1)
        await stop(watcher)
        #expect(await collector.files.map(\.size) == [10_000])
        #expect(await collector.paths == ["brief.html"])
    }

    @Test func partFileRenamedIsEmittedOnceUnderItsFinalName() async throws {
        let watcher = try await start()
        try folder.write("x.part", "Mr Kim and President Xi met in Beijing.")
        rename(folder.path + "/x.part", folder.path + "/x.txt")
        await collector.waitFor(count: 1)
        await stop(watcher)
        #expect(await collector.paths == ["x.txt"])
        #expect(await collector.files.first?.size == 39)
    }

    @Test func fileInAFreshlyCreatedDeepFolderIsEmitted() async throws {
        let watcher = try await start()
        try folder.makeFolder("a/b/c")  // mkdir -p
        try folder.write("a/b/c/f.txt", "Kim Jong Un visited Pyongyang.\n")
        await collector.waitFor(count: 1)
        try folder.write("a/b/c/g.txt", "Later, in a watched folder.\n")
        await collector.waitFor(count: 2)
        await stop(watcher)
        #expect(await collector.paths == ["a/b/c/f.txt", "a/b/c/g.txt"])
    }

    @Test func folderMovedInFromOutsideIsScanned() async throws {
        let outside = try WatchedTemporaryFolder()
        defer { outside.remove() }
        try outside.makeFolder("batch/inner")
        try outside.write("batch/one.txt", "one")
        try outside.write("batch/inner/two.txt", "two")
        let watcher = try await start()
        rename(outside.path + "/batch", folder.path + "/batch")
        await collector.waitFor(count: 2)
        try folder.write("batch/inner/three.txt", "three")  // the moved-in folder is watched
        await collector.waitFor(count: 3)
        await stop(watcher)
        #expect(await collector.paths == ["batch/inner/two.txt", "batch/one.txt", "batch/inner/three.txt"])
    }

    @Test func symbolicLinksFollowOnlyFilesInsideTheDropFolder() async throws {
        let outside = try WatchedTemporaryFolder()
        defer { outside.remove() }
        try outside.write("notes.md", "outside")
        try outside.makeFolder("etc")
        try outside.write("etc/passwd.txt", "outside folder")
        try folder.makeFolder("sub")
        try folder.write("sub/inside.txt", "Putin statement\n")
        let watcher = try await start()
        await collector.waitFor(count: 1)
        symlink(outside.path + "/etc", folder.path + "/etc-link")  // folder outside: ignored
        symlink(outside.path + "/notes.md", folder.path + "/alias.md")  // file outside: ignored
        symlink("sub", folder.path + "/sub-link")  // folder inside: never followed
        symlink("sub/inside.txt", folder.path + "/inside-link.txt")  // file inside: emitted
        await collector.waitFor(count: 2)
        await stop(watcher)
        #expect(await collector.paths == ["sub/inside.txt", "inside-link.txt"])
        let files = await collector.files
        #expect(files.last?.inode == files.first?.inode)
        #expect(files.last?.absolutePath == folder.bytes("inside-link.txt"))
        let outsideSkips = recorder.lines(.debug, "symbolic link to a target outside the drop folder skipped").compactMap(\.path)
        #expect(outsideSkips.sorted() == [folder.path + "/alias.md", folder.path + "/etc-link"])
        #expect(recorder.lines(.debug, "symbolic link to a folder or special file not followed").map(\.path) == [
            folder.path + "/sub-link"
        ])
    }

    @Test func burstOf20000FilesIsEmittedExactlyOnceEach() async throws {
        let watcher = try await start()
        let count = 20_000
        let started = Date()
        for i in 1...count {
            let file = fopen(folder.path + "/bulk-\(i).txt", "w")!
            fputs("Putin statement \(i)\n", file)
            fclose(file)
        }
        await collector.waitFor(count: count, timeout: 60)
        let seconds = Date().timeIntervalSince(started)
        await stop(watcher, after: 0.5)
        let paths = await collector.paths
        #expect(paths.count == count)
        #expect(Set(paths).count == count)
        #expect(Set(paths) == Set((1...count).map { "bulk-\($0).txt" }))
        let overflows = recorder.lines(.warning, "inotify queue overflow, rescanning").count
        print("burst: \(count) files emitted in \(String(format: "%.2f", seconds)) s, \(overflows) overflow(s)")
    }

    @Test func nonUTF8NameIsEmittedWithItsRawBytes() async throws {
        let watcher = try await start()
        let name: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x2E, 0x74, 0x78, 0x74]  // Latin-1 "café.txt"
        let full = folder.bytes + [UInt8(ascii: "/")] + name
        let fd = (full + [0]).withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        #expect(fd >= 0)
        _ = write(fd, "Latin-1 name", 12)
        close(fd)
        await collector.waitFor(count: 1)
        await stop(watcher)
        let files = await collector.files
        #expect(files.map(\.relativePath) == [name])
        #expect(files.map(\.absolutePath) == [full])
        #expect(files.map(\.size) == [12])
    }

    @Test func hardLinkIntoTheFolderIsEmitted() async throws {
        let outside = try WatchedTemporaryFolder()
        defer { outside.remove() }
        try outside.write("linked.txt", "hard-linked content")
        let watcher = try await start()
        #expect(link(outside.path + "/linked.txt", folder.path + "/linked.txt") == 0)  // IN_CREATE only
        await collector.waitFor(count: 1)
        await stop(watcher)
        #expect(await collector.paths == ["linked.txt"])
    }

    @Test func folderRenamedInsideIsFollowedAndFolderMovedOutIsForgotten() async throws {
        let outside = try WatchedTemporaryFolder()
        defer { outside.remove() }
        try folder.makeFolder("old/inner")
        try folder.makeFolder("leaving")
        let watcher = try await start()
        rename(folder.path + "/old", folder.path + "/new")
        rename(folder.path + "/leaving", outside.path + "/leaving")
        await pause(0.3)
        try folder.write("new/inner/after.txt", "written after the rename")
        try outside.write("leaving/outside.txt", "written after leaving the tree")
        await collector.waitFor(count: 1)
        await stop(watcher)
        let files = await collector.files
        #expect(files.map(\.relativePathDescription) == ["new/inner/after.txt"])
        #expect(files.map(\.absolutePath) == [folder.bytes("new/inner/after.txt")])
    }

    @Test func stopFinishesTheStream() async throws {
        let watcher = try await start()
        watcher.stop()
        await collector.finish()
        watcher.stop()  // twice is harmless
        folder.remove()
        #expect(await collector.files.isEmpty)
    }
}
#endif
