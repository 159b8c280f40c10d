#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The rotated siblings of the alert log: files in the log's folder whose name is the log's name
/// followed by `.` or `-` (logrotate's `alerts.jsonl.1`, `alerts.jsonl-20240101`, and with
/// `compress`, `alerts.jsonl.2.gz`). Reconciliation searches the newest uncompressed one
/// (``AlertLogWriter/newestRotatedFile()``); `seedwatch alerts` reads them all, oldest first.
package enum RotatedAlertLogs {
    /// One rotated sibling.
    package struct File: Sendable, Hashable {
        /// The path: the log's folder joined with the sibling's name.
        package var path: String
        /// Modification time in nanoseconds since 1970; `Int64.min` when `stat(2)` failed.
        package var modified: Int64
        /// Whether it is a regular file (not a folder, a FIFO, …).
        package var isRegularFile: Bool

        /// Whether its name ends in a compression suffix (``compressedSuffixes``).
        package var isCompressed: Bool {
            RotatedAlertLogs.compressedSuffixes.contains { path.hasSuffix($0) }
        }
    }

    /// The name suffixes of compressed rotations: gzip, xz, bzip2, zstd, lz4, compress(1).
    package static let compressedSuffixes = [".gz", ".xz", ".bz2", ".zst", ".lz4", ".Z"]

    /// The most bytes a compressed rotation may inflate to, in bytes (1 GiB): a larger one is not read.
    package static let maxInflatedBytes = 1 << 30

    /// Every rotated sibling of the log at `logPath`, in the folder's listing order; none when the
    /// folder cannot be listed.
    package static func siblings(of logPath: String) -> [File] {
        let folder = (logPath as NSString).deletingLastPathComponent
        let name = (logPath as NSString).lastPathComponent
        let directory = folder.isEmpty ? "." : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix(name + ".") || $0.hasPrefix(name + "-") }.map { candidate in
            let full = (directory as NSString).appendingPathComponent(candidate)
            var info = stat()
            guard stat(full, &info) == 0 else { return File(path: full, modified: .min, isRegularFile: false) }
            return File(path: full, modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                        isRegularFile: (info.st_mode & S_IFMT) == S_IFREG)
        }
    }

    /// Every rotated sibling, oldest first by modification time (then by path).
    package static func oldestFirst(of logPath: String) -> [File] {
        siblings(of: logPath).sorted { ($0.modified, $0.path) < ($1.modified, $1.path) }
    }

    /// A rotated log's bytes: a `.gz` one inflated (RFC 1952, ``Gzip``, at most
    /// ``maxInflatedBytes``), any other as it is.
    /// - Returns: `nil` when the file cannot be read, or its gzip data is corrupt, truncated or too large.
    package static func contents(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard path.hasSuffix(".gz") else { return [UInt8](data) }
        return try? Gzip.inflate([UInt8](data), maxBytes: maxInflatedBytes)
    }
}
