/// Why a folder could not be watched.
package enum WatchError: Error, Sendable, Hashable {
    /// `ENOSPC`: the user's inotify watch limit (`fs.inotify.max_user_watches`) is exhausted.
    case watchLimitReached
    /// `EACCES`: no permission to read the folder.
    case permissionDenied
    /// `ENOENT` or `ENOTDIR`: the folder is gone, or is not a folder (a symbolic link is not followed).
    case notADirectory
    /// Any other `errno` from `inotify_add_watch(2)`.
    case system(errno: Int32)
}

/// The seam between the drop-folder watcher and the kernel: a stream of raw ``FileEvent``s for
/// the folders it is asked to watch. ``InotifyEventSource`` is the real one;
/// ``ScriptedFileEventSource`` replays events for tests.
///
/// All methods but ``wake()`` are called from one thread, the watcher's.
package protocol FileEventSource: AnyObject, Sendable {
    /// Starts watching one folder (not recursively) with `mask`.
    /// - Parameter path: the folder's absolute path, raw bytes without a NUL.
    /// - Returns: the watch; adding the same folder (same inode) twice returns the same watch.
    /// - Throws: ``WatchError``.
    func addWatch(path: [UInt8], mask: FileEventMask) throws(WatchError) -> WatchDescriptor

    /// Stops a watch. The source later reports `IN_IGNORED` for it; an unknown watch is ignored.
    func removeWatch(_ watch: WatchDescriptor)

    /// Waits until events are available, `timeout` seconds pass, or ``wake()`` is called.
    /// - Parameter timeout: seconds to wait at most; nil waits without limit.
    /// - Returns: the events read, oldest first (possibly none).
    func nextEvents(timeout: Double?) -> [FileEvent]

    /// Makes a pending or the next ``nextEvents(timeout:)`` return at once. Callable from any thread.
    func wake()

    /// Releases the kernel resources. No other method is called afterwards.
    func close()
}
