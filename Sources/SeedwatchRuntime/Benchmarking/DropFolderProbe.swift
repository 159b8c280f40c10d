import Foundation
import Logging
import SeedwatchCore

/// The dropped-file path as the daemon runs it (read, hash, extract, match, score, state database,
/// alert log with its fdatasync, in group commits), opened for the separate `Benchmarks` package. (See
/// ``FeedPollingProbe`` for why the Runtime exposes probes rather than its types.)
public final class DropFolderProbe {
    private let processor: ArticleProcessor
    private let intake: DropFolderIntake
    private var ready: [ReadyFile] = []

    /// - Parameters:
    ///   - watches: the compiled watches every file is matched against.
    ///   - folder: a folder for `state.sqlite` and `alerts.jsonl`; created when missing.
    /// - Throws: ``StateStoreError`` or the alert log's error when either cannot be opened.
    public init(watches: [CompiledWatch], folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try StateStore(path: folder + "/state.sqlite")
        let writer = try AlertLogWriter(path: folder + "/alerts.jsonl")
        processor = ArticleProcessor(watches: watches, store: store, outbox: OutboxDelivery(store: store, sink: writer),
                                     logger: Logger(label: "seedwatch.bench") { _ in SwiftLogNoOpLogHandler() })
        intake = DropFolderIntake(pipeline: processor)
    }

    /// Takes a file that is already written, as the drop folder's watcher hands it on (its `stat`
    /// snapshot taken now). `relativePath` is its path inside the drop folder.
    /// - Throws: `POSIXError` when the file cannot be stat'ed.
    public func add(absolutePath: String, relativePath: String) throws {
        var st = stat()
        guard stat(absolutePath, &st) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        ready.append(ReadyFile(absolutePath: Array(absolutePath.utf8), relativePath: Array(relativePath.utf8), snapshot: FileSnapshot(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
            modificationTimeNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))))
    }

    /// Processes every added file in order, each up to `maxBytes` bytes, and forgets them.
    /// - Parameter grouped: decide the files in group commits, as the daemon does with a burst
    ///   (one transaction and one alert-log `fdatasync` per group of 512 articles or 500 ms); `false`
    ///   decides them one by one (a transaction per decision, a sync per alert line).
    /// - Returns: the number of alert lines written by this probe so far.
    public func processAll(maxBytes: Int, grouped: Bool = true) async -> Int {
        if grouped {
            await intake.process(ready, maxBytes: maxBytes)
        } else {
            for file in ready { await intake.process(file, maxBytes: maxBytes) }
        }
        ready.removeAll()
        return await processor.counters.alertsWritten
    }
}
