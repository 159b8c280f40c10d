#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The alert log's reconciliation (DESIGN §7): searching the log's tail, and its newest rotated
/// file, for a complete line with an alert's `id`; and reading every id at start-up when the state
/// database is empty. The writing is in ``AlertLogWriter``.
extension AlertLogWriter {
    /// Whether a complete line starting `{"id":"<id>"` (ending in `"\n"`, one JSON object — not a
    /// fragment left by a full disk or a crash) is in the last ``tailBytes`` bytes of the log or of the newest
    /// rotated file (`alerts.jsonl.1`, `alerts.jsonl-20240101`, …; compressed ones are skipped).
    /// Used at start-up to reconcile pending alerts (DESIGN §7).
    /// - Throws: ``AlertLogError/readFailed(path:errno:)`` when a file exists but cannot be read;
    ///   a missing file counts as not holding the id.
    package func containsAlertID(_ id: String) throws -> Bool {
        let needle = Array("{\"id\":\"\(id)\"".utf8)
        if try Self.tail(of: path, bytes: tailBytes, contains: needle) { return true }
        if let rotated = newestRotatedFile(), try Self.tail(of: rotated, bytes: tailBytes, contains: needle) {
            return true
        }
        return false
    }

    /// The ids of every alert line in the log and in all its uncompressed rotated files (see
    /// ``newestRotatedFile()`` for which names count). Reads the files whole, in chunks: meant for
    /// start-up with an empty state database, not for each alert.
    package func loggedAlertIDs() -> Set<String> {
        var ids = AlertLogIDs.read(path: path)
        for rotated in rotatedFiles() { ids.formUnion(AlertLogIDs.read(path: rotated.path)) }
        return ids
    }

    /// The newest (by modification time) rotated sibling of the log: a file in the same folder whose
    /// name is the log's name followed by `.` or `-` (e.g. `alerts.jsonl.1`, `alerts.jsonl-20240101`),
    /// not compressed (`.gz`, `.xz`, `.bz2`, `.zst`, `.lz4`, `.Z`). `nil` when there is none.
    package func newestRotatedFile() -> String? {
        var best: (path: String, mtime: Int64)?
        for (full, mtime) in rotatedFiles() {
            if best == nil || mtime > best!.mtime || (mtime == best!.mtime && full < best!.path) {
                best = (full, mtime)
            }
        }
        return best?.path
    }

    /// Every uncompressed rotated sibling of the log (regular files) with its mtime in nanoseconds.
    func rotatedFiles() -> [(path: String, mtime: Int64)] {
        RotatedAlertLogs.siblings(of: path).filter { $0.isRegularFile && !$0.isCompressed }.map { ($0.path, $0.modified) }
    }

    /// Whether the last `bytes` bytes of the file at `path` hold a complete line starting with `needle`
    /// (see ``containsCompleteLine(_:startsWith:atFileStart:)``). A missing file: `false`.
    static func tail(of path: String, bytes maxBytes: Int, contains needle: [UInt8]) throws -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return false }
            throw AlertLogError.readFailed(path: path, errno: errno)
        }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw AlertLogError.readFailed(path: path, errno: errno) }
        let size = Int64(info.st_size)
        let start = max(0, size - Int64(maxBytes))
        let count = Int(size - start)
        guard count >= needle.count, !needle.isEmpty else { return false }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + filled, count - filled, off_t(start) + off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw AlertLogError.readFailed(path: path, errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        return containsCompleteLine(buffer[0..<filled], startsWith: needle, atFileStart: start == 0)
    }

    /// Whether some line of `tail` that starts with `needle` is complete: it ends in `"\n"` and is one
    /// JSON object. A fragment left by a crash or a full disk therefore does not count as the line.
    /// - Parameter atFileStart: whether `tail` begins at the file's first byte (else its first,
    ///   possibly partial, line is not considered).
    static func containsCompleteLine(_ tail: ArraySlice<UInt8>, startsWith needle: [UInt8], atFileStart: Bool) -> Bool {
        var lineStart = tail.startIndex
        if !atFileStart {
            guard let firstNewline = tail.firstIndex(of: 0x0A) else { return false }
            lineStart = firstNewline + 1
        }
        while lineStart < tail.endIndex {
            guard let newline = tail[lineStart...].firstIndex(of: 0x0A) else { return false }
            let line = tail[lineStart..<newline]
            if line.starts(with: needle), (try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any] {
                return true
            }
            lineStart = newline + 1
        }
        return false
    }
}
