import SeedwatchCore

/// The drop-folder settings the watcher needs (DESIGN §8 `drop_folder.*`), in plain units.
package struct DropFolderSettings: Sendable, Hashable {
    /// `drop_folder.path`: the folder watched recursively, raw path bytes (relative paths resolve
    /// against the current directory; the watcher works on its canonical path, see `realpath(3)`).
    package var path: [UInt8]
    /// `drop_folder.settle`: seconds a file must stay quiet, with inode, size and mtime unchanged,
    /// before it is ready. Default 1 s.
    package var settle: Double
    /// `drop_folder.max_bytes`: larger files are refused by the watcher with one WARN line (path
    /// and size) and never emitted. Bytes; default 64 MiB.
    package var maxBytes: Int64
    /// Seconds between safety rescans of the whole tree (which also poll folders that could not
    /// be watched). Default 600 s.
    package var rescanInterval: Double
    /// The built-in ignore list plus `drop_folder.ignore`.
    package var ignore: IgnoreRules
    /// Seconds between checks for the drop folder at its path after it was deleted or moved away
    /// (`rm -r drop`, `mv drop drop.away`): once a folder is there again it is watched and scanned.
    /// Default 2 s.
    package var rootRecheckInterval: Double

    /// The default of `drop_folder.max_bytes`: 64 MiB.
    package static let defaultMaxBytes: Int64 = 64 * 1024 * 1024

    package init(
        path: [UInt8], settle: Double = 1.0, maxBytes: Int64 = DropFolderSettings.defaultMaxBytes,
        rescanInterval: Double = 600, ignore: IgnoreRules = IgnoreRules(), rootRecheckInterval: Double = 2
    ) {
        self.rootRecheckInterval = rootRecheckInterval
        self.path = path
        self.settle = settle
        self.maxBytes = maxBytes
        self.rescanInterval = rescanInterval
        self.ignore = ignore
    }

    /// Convenience for a path given as a string (its UTF-8 bytes).
    package init(
        path: String, settle: Double = 1.0, maxBytes: Int64 = DropFolderSettings.defaultMaxBytes,
        rescanInterval: Double = 600, ignore: IgnoreRules = IgnoreRules(), rootRecheckInterval: Double = 2
    ) {
        self.init(path: Array(path.utf8), settle: settle, maxBytes: maxBytes, rescanInterval: rescanInterval, ignore: ignore,
                  rootRecheckInterval: rootRecheckInterval)
    }
}

/// Why the drop-folder watcher could not start.
package enum DropFolderError: Error, Sendable, Hashable {
    /// The drop folder does not exist or cannot be resolved (`realpath(3)` failed with `errno`).
    case folderUnavailable(path: String, errno: Int32)
    /// The drop folder's path is not a folder.
    case notAFolder(path: String)
    /// The kernel's event facility could not be opened (see ``FileEventSourceError``).
    case eventSourceUnavailable(String)
    /// ``DropFolderWatcher/start()`` was called twice.
    case alreadyStarted
}
