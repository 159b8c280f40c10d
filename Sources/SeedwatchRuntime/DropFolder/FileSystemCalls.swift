#if canImport(Glibc)
import Glibc
#endif
import SeedwatchCore

/// What kind of entry a path is, from `lstat(2)` (symbolic links are not followed).
enum EntryKind: Sendable, Hashable {
    case regular, directory, symbolicLink, other
}

/// The result of `lstat(2)` or `stat(2)` on a path given as raw bytes.
struct EntryStatus: Sendable, Hashable {
    var kind: EntryKind
    var snapshot: FileSnapshot
    /// `st_nlink`.
    var linkCount: UInt64
}

/// Thin wrappers over the system calls the drop-folder watcher needs, on raw path bytes.
/// Errors are `errno` values; nothing here throws or traps.
enum FileSystemCalls {
    /// Calls `body` with `path` as a NUL-terminated C string.
    static func withCPath<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// `lstat(2)`: does not follow a symbolic link.
    static func entryStatus(_ path: [UInt8]) -> Result<EntryStatus, Errno> {
        var st = stat()
        let rc = withCPath(path) { lstat($0, &st) }
        return rc == 0 ? .success(status(st)) : .failure(Errno(errno))
    }

    /// `stat(2)`: follows symbolic links.
    static func targetStatus(_ path: [UInt8]) -> Result<EntryStatus, Errno> {
        var st = stat()
        let rc = withCPath(path) { stat($0, &st) }
        return rc == 0 ? .success(status(st)) : .failure(Errno(errno))
    }

    private static func status(_ st: stat) -> EntryStatus {
        let kind: EntryKind
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        return EntryStatus(
            kind: kind,
            snapshot: FileSnapshot(
                device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                modificationTimeNanoseconds: mtime),
            linkCount: UInt64(st.st_nlink))
    }

    /// `realpath(3)`: the canonical absolute path, all symbolic links resolved.
    static func canonicalPath(_ path: [UInt8]) -> Result<[UInt8], Errno> {
        let resolved: [UInt8]? = withCPath(path) { cPath in
            guard let result = realpath(cPath, nil) else { return nil }
            defer { free(result) }
            return Array(UnsafeRawBufferPointer(start: result, count: strlen(result)))
        }
        return resolved.map { .success($0) } ?? .failure(Errno(errno))
    }

    /// One entry of a folder listing: its name and, when `readdir(3)` knows it, its kind.
    struct ListedEntry {
        var name: [UInt8]
        var kind: EntryKind?
    }

    /// `opendir(3)`/`readdir(3)`: the folder's entries except `.` and `..`, in directory order.
    static func listFolder(_ path: [UInt8]) -> Result<[ListedEntry], Errno> {
        guard let dir = withCPath(path, { opendir($0) }) else { return .failure(Errno(errno)) }
        defer { closedir(dir) }
        var entries: [ListedEntry] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            let kind: EntryKind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .regular
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symbolicLink
            case Int32(DT_UNKNOWN): kind = nil
            default: kind = .other
            }
            entries.append(ListedEntry(name: name, kind: kind))
        }
        return .success(entries)
    }

    /// Seconds on the monotonic clock (`CLOCK_MONOTONIC`), arbitrary origin.
    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// An `errno` value with its `strerror(3)` text.
struct Errno: Error, Sendable, Hashable, CustomStringConvertible {
    var code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { String(cString: strerror(code)) + " (errno \(code))" }
}

/// Sleeps the calling thread (not a task) for `seconds`.
func sleepSeconds(_ seconds: Double) {
    guard seconds > 0 else { return }
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
}
