import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import Synchronization

/// Log lines captured by ``RecordingLogHandler``.
final class LogRecorder: Sendable {
    struct Line: Sendable, Equatable {
        var level: Logger.Level
        var message: String
        var path: String?
        var reason: String? = nil
        /// Every metadata value, rendered (not compared by `==`).
        var metadata: [String: String] = [:]

        static func == (a: Line, b: Line) -> Bool {
            a.level == b.level && a.message == b.message && a.path == b.path && a.reason == b.reason
        }
    }

    private let lines = Mutex<[Line]>([])

    var all: [Line] { lines.withLock { $0 } }

    func append(_ line: Line) { lines.withLock { $0.append(line) } }

    func lines(_ level: Logger.Level, _ message: String) -> [Line] {
        all.filter { $0.level == level && $0.message == message }
    }

    /// Waits until at least `count` lines with `level` and `message` were recorded, or `timeout`
    /// seconds passed.
    /// - Returns: whether they were recorded (a positive event to wait for before asserting that
    ///   something did not happen).
    func waitFor(_ level: Logger.Level, _ message: String, count: Int, timeout: Double = 10) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while lines(level, message).count < count, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return lines(level, message).count >= count
    }

    /// A logger at level `trace` writing into this recorder.
    func logger() -> Logger {
        Logger(label: "test.drop-folder") { _ in RecordingLogHandler(recorder: self) }
    }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let path = event.metadata?["path"].map { "\($0)" }
        let reason = event.metadata?["reason"].map { "\($0)" }
        let all = (event.metadata ?? [:]).mapValues { "\($0)" }
        recorder.append(.init(level: event.level, message: event.message.description, path: path, reason: reason, metadata: all))
    }
}

/// A fresh temporary folder (canonical path), removed by ``remove()``.
struct WatchedTemporaryFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("seedwatch-drop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.resolvingSymlinksInPath().path
    }

    func url(_ relative: String) -> URL { URL(fileURLWithPath: path).appendingPathComponent(relative) }
    func bytes(_ relative: String) -> [UInt8] { Array((path + "/" + relative).utf8) }
    var bytes: [UInt8] { Array(path.utf8) }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: url(relative))
    }

    func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(at: url(relative), withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Collects the ready files of a running watcher.
actor ReadyFileCollector {
    private(set) var files: [ReadyFile] = []
    private var task: Task<Void, Never>?

    init() {}

    func consume(_ stream: AsyncStream<ReadyFile>) {
        task = Task { [weak self] in
            for await file in stream { await self?.add(file) }
        }
    }

    private func add(_ file: ReadyFile) { files.append(file) }

    /// The relative paths emitted so far, as strings, in emission order.
    var paths: [String] { files.map(\.relativePathDescription) }

    /// Waits until at least `count` files arrived or `timeout` seconds passed.
    /// - Returns: whether `count` files arrived.
    @discardableResult
    func waitFor(count: Int, timeout: Double = 10) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while files.count < count, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return files.count >= count
    }

    /// Waits until the stream finished (after `stop()`).
    func finish() async { await task?.value }
}

/// The name of the file a test drops last, to know that the watcher has handled everything before it.
///
/// The watcher checks settled paths in path order (``SettleTracker/due(at:)``), and this name sorts
/// after every other name the tests use; a file whose events came earlier settles no later. So once
/// the sentinel is emitted, every earlier file was emitted or refused: a test waits for it before
/// asserting that something was *not* emitted, instead of sleeping and hoping the work has run.
let sentinelName = "zz-sentinel.txt"

/// Sleeps the current task for `seconds`.
func pause(_ seconds: Double) async {
    try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
}
