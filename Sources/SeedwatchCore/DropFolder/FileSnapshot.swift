/// What `stat(2)` says about a file at one moment: enough to tell whether it changed.
///
/// Two snapshots are equal when the file is the same inode on the same device, with the same size
/// and modification time; this is also the key of the processed-files table (DESIGN §7).
public struct FileSnapshot: Sendable, Hashable {
    /// `st_dev`.
    public var device: UInt64
    /// `st_ino`.
    public var inode: UInt64
    /// `st_size`, in bytes.
    public var size: Int64
    /// `st_mtim`, in nanoseconds since the Unix epoch.
    public var modificationTimeNanoseconds: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modificationTimeNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modificationTimeNanoseconds = modificationTimeNanoseconds
    }
}
