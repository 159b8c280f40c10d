import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// `feeds add|remove|import` edit the configuration under a lock: edits made at once are applied
/// one after the other and none is lost (issue 13, Build 8).
@Suite("Configuration edit lock")
struct ConfigurationEditLockTests {
    static let config = """
    watches:
      - ../seeds/china-russia-north-korea
    drop_folder: {path: drop}
    alerts: {log: alerts.jsonl}
    state: {path: state.sqlite}

    # Feeds we follow
    feeds:
      - url: https://a.example/rss   # BBC Asia

    """

    /// Two threads add 20 feeds each, every edit a read, a pause, and a replace: without the lock
    /// most edits overwrite one another; with it all 40 feeds and the comments are there.
    @Test func twoThreadsEditingAtOnceLoseNoFeed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("seedwatch.yaml")
        try Self.config.write(toFile: path, atomically: true, encoding: .utf8)
        let failures = Failures()
        let done = DispatchGroup()
        for worker in 0..<2 {
            done.enter()
            Thread.detachNewThread {
                for i in 0..<20 {
                    do {
                        try ConfigurationEditLock.editing(path) { text in
                            Thread.sleep(forTimeInterval: 0.002)  // widen the read–replace window
                            return try FeedListEditor.adding(.init(url: "https://w\(worker).example/\(i).xml"), to: text)
                        }
                    } catch {
                        failures.append("\(error)")
                    }
                }
                done.leave()
            }
        }
        #expect(done.wait(timeout: .now() + 120) == .success)
        #expect(failures.all == [])
        let configuration = try ConfigurationReader.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        let expected = ["https://a.example/rss"] + (0..<2).flatMap { w in (0..<20).map { "https://w\(w).example/\($0).xml" } }
        #expect(Set(configuration.feeds.map(\.url)) == Set(expected))
        #expect(configuration.feeds.count == 41)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("  - url: https://a.example/rss   # BBC Asia\n"))
    }

    /// An edit that waited for the lock gets the file its holder wrote (the holder replaced it by
    /// rename: the waiter must lock the new file, not the old inode).
    @Test func aWaitingEditSeesTheHoldersReplacement() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("seedwatch.yaml")
        try Self.config.write(toFile: path, atomically: true, encoding: .utf8)
        var holder: ConfigurationEditLock? = try ConfigurationEditLock.acquire(path: path)
        let waiting = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let seen = Failures()
        Thread.detachNewThread {
            do {
                try ConfigurationEditLock.editing(path, onWait: { waiting.signal() }) { text in
                    seen.append(text)
                    return try FeedListEditor.adding(.init(url: "https://second.example/rss"), to: text)
                }
            } catch {
                seen.append("error: \(error)")
            }
            finished.signal()
        }
        #expect(waiting.wait(timeout: .now() + 30) == .success)
        let first = try FeedListEditor.adding(.init(url: "https://first.example/rss"), to: Self.config)
        try ConfigurationFileWriter.replace(first, at: path)
        holder = nil
        #expect(holder == nil)
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect(seen.all == [first])
        let urls = try ConfigurationReader.parse(try String(contentsOfFile: path, encoding: .utf8), file: path).feeds.map(\.url)
        #expect(urls == ["https://a.example/rss", "https://first.example/rss", "https://second.example/rss"])
    }

    @Test func aMissingFileIsAnErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("absent.yaml")
        #expect(throws: ConfigurationEditLock.Failure.cannotOpen(path: path, errno: ENOENT)) {
            _ = try ConfigurationEditLock.acquire(path: path)
        }
        #expect(ConfigurationEditLock.Failure.cannotOpen(path: path, errno: ENOENT).description
            == "cannot open \(path) to lock it: No such file or directory")
    }
}

/// Strings collected from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
