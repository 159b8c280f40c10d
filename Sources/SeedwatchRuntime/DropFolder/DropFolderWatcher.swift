import Foundation
import Logging
import SeedwatchCore
import Synchronization

/// Watches the drop folder recursively and emits each file once it is ready to read
/// (DESIGN §8 `drop_folder.*`): files still being written, temporary names, and bursts of
/// thousands of files.
///
/// A file is ready after `IN_CLOSE_WRITE` or `IN_MOVED_TO` (or when a scan finds it) once it has
/// been quiet for `settle` seconds — `IN_MODIFY` and `IN_CREATE` restart the wait — with inode,
/// size and mtime unchanged across the wait. What is never emitted: ignored names (DEBUG), empty
/// files (INFO "empty file, waiting", once per path; later content is emitted), files over
/// `max_bytes` (one WARN with path and size), symbolic links to folders (never followed) and to
/// files outside the drop folder (DEBUG).
///
/// Start-up: every folder is watched, then a full scan emits every existing regular file; the
/// consumer decides what is already processed (by device, inode, size and mtime). The watcher
/// itself does not emit a path again while its identity (device, inode, size, mtime) is unchanged
/// since it last emitted it, so rescans (after `IN_Q_OVERFLOW`, and the periodic safety rescan)
/// emit only files that are new or changed. It only reads metadata: it never opens, modifies,
/// moves or deletes a file.
///
/// Events are read on a dedicated thread with `poll(2)`, never on Swift's cooperative pool.
package final class DropFolderWatcher: Sendable {
    private struct State {
        var started = false
        var source: (any FileEventSource)?
    }

    private let settings: DropFolderSettings
    private let logger: Logger
    private let onRefused: @Sendable (_ absolutePath: [UInt8], _ size: Int64) -> Void
    private let state: Mutex<State>
    private let stopFlag = StopFlag()
    /// Files emitted and not yet taken by the consumer (the ready backlog).
    let queued = Atomic<Int>(0)

    /// Ready files emitted on the stream and not yet taken (see ``fileTaken()``): the backlog
    /// `STATUS=` and `seedwatch status` show.
    package var queuedFiles: Int { max(0, queued.load(ordering: .relaxed)) }

    /// The consumer took one file off the stream.
    package func fileTaken() { queued.subtract(1, ordering: .relaxed) }

    /// - Parameters:
    ///   - settings: the drop folder and its settings.
    ///   - logger: where WARN/ERROR/INFO/DEBUG lines go (each carries a `path` metadata value).
    ///   - source: the event source; nil opens a real ``InotifyEventSource`` at ``start()``.
    ///   - onRefused: called on the watcher's thread for each file refused as larger than
    ///     `max_bytes` (once per path and inode, with its warning): its absolute path and size in
    ///     bytes. The daemon notes it in the file's history (``DropFolderIntake/noteRefused(path:size:maxBytes:)``).
    package init(settings: DropFolderSettings, logger: Logger, source: (any FileEventSource)? = nil,
                 onRefused: @escaping @Sendable (_ absolutePath: [UInt8], _ size: Int64) -> Void = { _, _ in }) {
        self.settings = settings
        self.logger = logger
        self.onRefused = onRefused
        self.state = Mutex(State(source: source))
    }

    /// Watches every folder, scans the tree, and returns once the watches are in place; the
    /// ready files then arrive on the returned stream (the start-up backlog first, after `settle`).
    ///
    /// The stream finishes after ``stop()``; cancelling the task that iterates it also stops the
    /// watcher.
    /// - Throws: ``DropFolderError`` when the folder is missing or not a folder, the event source
    ///   cannot be opened, or the watcher was already started.
    package func start() async throws(DropFolderError) -> AsyncStream<ReadyFile> {
        let displayPath = String(decoding: settings.path, as: UTF8.self)
        let root: [UInt8]
        switch FileSystemCalls.canonicalPath(settings.path) {
        case .success(let path): root = path
        case .failure(let error): throw .folderUnavailable(path: displayPath, errno: error.code)
        }
        guard case .success(let status) = FileSystemCalls.targetStatus(root), status.kind == .directory else {
            throw .notAFolder(path: displayPath)
        }
        let source: any FileEventSource = try state.withLock { (state) throws(DropFolderError) -> any FileEventSource in
            guard !state.started else { throw .alreadyStarted }
            if let source = state.source {
                state.started = true
                return source
            }
            do {
                let source = try InotifyEventSource()
                state.source = source
                state.started = true
                return source
            } catch {
                throw .eventSourceUnavailable(String(describing: error))
            }
        }
        let (stream, continuation) = AsyncStream<ReadyFile>.makeStream(bufferingPolicy: .unbounded)
        continuation.onTermination = { [weak self] _ in self?.stop() }
        let loop = DropFolderWatchLoop(
            root: root, settings: settings, logger: logger, source: source, stopFlag: stopFlag,
            continuation: continuation, onEmit: { [weak self] in self?.queued.add(1, ordering: .relaxed) }, onRefused: onRefused)
        await withCheckedContinuation { (watching: CheckedContinuation<Void, Never>) in
            let thread = Thread { loop.run(onWatching: { watching.resume() }) }
            thread.name = "seedwatch-drop-folder"
            thread.start()
        }
        return stream
    }

    /// Stops the watcher: the thread leaves its loop, the event source is closed, and the stream
    /// finishes. Files still settling are not emitted. Safe to call more than once, from any task.
    package func stop() {
        stopFlag.set()
        let source = state.withLock { $0.source }
        source?.wake()
    }
}

/// A stop request shared by the watcher and its thread.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .sequentiallyConsistent) }
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}
