import SeedwatchCore

/// A file in the drop folder that is ready to read: quiet for `drop_folder.settle` with inode,
/// size and modification time unchanged, not ignored, not empty, and at most `max_bytes` long.
///
/// For a symbolic link to a file inside the drop folder, the paths are the link's and the
/// identity (device, inode, size, mtime) is its target's, so the link and its target share one
/// processed-files key.
package struct ReadyFile: Sendable, Hashable {
    /// The absolute path, raw bytes (need not be UTF-8), under the drop folder's canonical path.
    package var absolutePath: [UInt8]
    /// The path relative to the drop folder, raw bytes, components separated by `/`.
    package var relativePath: [UInt8]
    /// `st_dev`.
    package var device: UInt64
    /// `st_ino`.
    package var inode: UInt64
    /// `st_size`, in bytes.
    package var size: Int64
    /// `st_mtim`, in nanoseconds since the Unix epoch.
    package var modificationTimeNanoseconds: Int64

    package init(absolutePath: [UInt8], relativePath: [UInt8], snapshot: FileSnapshot) {
        self.absolutePath = absolutePath
        self.relativePath = relativePath
        self.device = snapshot.device
        self.inode = snapshot.inode
        self.size = snapshot.size
        self.modificationTimeNanoseconds = snapshot.modificationTimeNanoseconds
    }

    /// Device, inode, size and mtime: the processed-files key (DESIGN §7).
    package var snapshot: FileSnapshot {
        FileSnapshot(device: device, inode: inode, size: size, modificationTimeNanoseconds: modificationTimeNanoseconds)
    }

    /// The relative path as text, invalid UTF-8 repaired with U+FFFD (for logs only).
    package var relativePathDescription: String { String(decoding: relativePath, as: UTF8.self) }
}
