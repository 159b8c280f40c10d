import Logging
import SeedwatchCore

/// The watcher's state and event loop. Confined to the watcher's thread: only `run` is called,
/// once, from that thread, so no state here needs a lock.
final class DropFolderWatchLoop: @unchecked Sendable {
    let root: [UInt8]
    let settings: DropFolderSettings
    let logger: Logger
    let source: any FileEventSource
    let stopFlag: StopFlag
    let continuation: AsyncStream<ReadyFile>.Continuation
    /// Called once per file emitted (the watcher counts its backlog).
    let onEmit: @Sendable () -> Void
    /// Called once per file refused as larger than `max_bytes` (when its warning is logged): its
    /// absolute path and size in bytes.
    let onRefused: @Sendable (_ absolutePath: [UInt8], _ size: Int64) -> Void

    /// Watched folders, by watch and by path relative to the root (the root is `[]`).
    var folderByWatch: [WatchDescriptor: [UInt8]] = [:]
    var watchByFolder: [[UInt8]: WatchDescriptor] = [:]
    /// Relative paths waiting to settle.
    var tracker: SettleTracker
    /// The identity last emitted for each relative path.
    var emitted: [[UInt8]: FileSnapshot] = [:]
    /// Paths already logged as empty, and the inode of each path already refused as too large.
    var loggedEmpty: Set<[UInt8]> = []
    var refusedInode: [[UInt8]: UInt64] = [:]
    /// Folders that could not be watched because the watch limit was reached (polled by rescans).
    var unwatchedFolders: Set<[UInt8]> = []
    /// Folders already reported as unreadable (EACCES and the like): one line each.
    var reportedFolders: Set<[UInt8]> = []
    /// During a full rescan, every file path the walk met (to forget the others).
    var seenInRescan: Set<[UInt8]>?
    var nextRescan: Double = 0
    /// While the drop folder is gone (deleted or moved away): when to look for it at its path next.
    var rootCheckAt: Double?

    init(
        root: [UInt8], settings: DropFolderSettings, logger: Logger, source: any FileEventSource,
        stopFlag: StopFlag, continuation: AsyncStream<ReadyFile>.Continuation, onEmit: @escaping @Sendable () -> Void = {},
        onRefused: @escaping @Sendable (_ absolutePath: [UInt8], _ size: Int64) -> Void = { _, _ in }
    ) {
        self.onEmit = onEmit
        self.onRefused = onRefused
        self.root = root
        self.settings = settings
        self.logger = logger
        self.source = source
        self.stopFlag = stopFlag
        self.continuation = continuation
        self.tracker = SettleTracker(settle: settings.settle)
    }

    /// Watches and scans the tree, calls `onWatching`, then reads events until stopped.
    func run(onWatching: () -> Void) {
        let start = FileSystemCalls.monotonicSeconds()
        watchTree(from: [], at: start)
        nextRescan = start + settings.rescanInterval
        logger.info("drop folder watched", metadata: ["path": "\(display(root))", "folders": "\(watchByFolder.count)"])
        onWatching()
        while !stopFlag.isSet {
            let now = FileSystemCalls.monotonicSeconds()
            var wait = nextRescan - now
            if let deadline = tracker.nextDeadline { wait = min(wait, deadline - now) }
            if let check = rootCheckAt { wait = min(wait, check - now) }
            let events = source.nextEvents(timeout: max(0, wait))
            if stopFlag.isSet { break }
            let eventTime = FileSystemCalls.monotonicSeconds()
            for event in events { handle(event, at: eventTime) }
            processDue(at: FileSystemCalls.monotonicSeconds())
            let afterEvents = FileSystemCalls.monotonicSeconds()
            if let check = rootCheckAt {
                if afterEvents >= check { lookForRoot(at: afterEvents) }
                if rootCheckAt != nil { nextRescan = max(nextRescan, afterEvents + settings.rescanInterval) }
            }
            if afterEvents >= nextRescan {
                logger.debug("safety rescan", metadata: ["path": "\(display(root))"])
                rescan(at: afterEvents)
            }
        }
        source.close()
        continuation.finish()
    }

    // MARK: paths

    func join(_ folder: [UInt8], _ name: [UInt8]) -> [UInt8] {
        folder.isEmpty ? name : folder + [UInt8(ascii: "/")] + name
    }

    func absolute(_ relative: [UInt8]) -> [UInt8] {
        if relative.isEmpty { return root }
        return root.last == UInt8(ascii: "/") ? root + relative : root + [UInt8(ascii: "/")] + relative
    }

    func display(_ path: [UInt8]) -> String { String(decoding: path, as: UTF8.self) }

    func isUnder(_ path: [UInt8], _ folder: [UInt8]) -> Bool {
        path.count > folder.count && path.starts(with: folder) && path[folder.count] == UInt8(ascii: "/")
    }
}
