#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import Synchronization

/// Appends alert lines to `alerts.jsonl` so that none is lost or split, not even by logrotate (DESIGN §6).
///
/// - The log is opened with `O_WRONLY|O_APPEND|O_CREAT|O_CLOEXEC`, mode 0640: with `O_APPEND` every
///   write lands at the current end, so a `copytruncate` leaves no hole of NUL bytes.
/// - Each line is one `write(2)` of the complete line, then `fdatasync(2)`.
/// - Before each append, `stat(path)` is compared with `fstat(fd)` on device and inode; the log is
///   reopened when they differ or the path is gone, so a rename-based rotation without SIGHUP still
///   moves new lines to the new file. ``reopen()`` does the same on SIGHUP.
/// - A line that lands before where our previous line ended means the file was truncated
///   (`copytruncate`); the append stands, and returns (and logs) a ``AlertLogWarning/truncated(path:size:lastEnd:)``.
///   The check is made on the offset `write(2)` leaves, so a truncation racing the append is caught too.
///
/// Thread-safe: appends are serialised by a lock.
package final class AlertLogWriter: DurableAlertSink {
    /// The log's path.
    package let path: String
    /// How many bytes at the end of the log and of the newest rotated file ``containsAlertID(_:)`` reads.
    package let tailBytes: Int
    private let logger: Logger
    private let state: Mutex<OpenLog>

    private struct OpenLog {
        var fd: Int32
        var device: UInt64
        var inode: UInt64
        /// The file offset just past our last line (or the size at open); bytes.
        var lastEnd: Int64
        /// The file did not end in `"\n"` at open (a torn last line): the next write starts with one.
        var needsLeadingNewline: Bool
    }

    /// Opens (creating it and its folder when missing) the alert log.
    ///
    /// - Parameters:
    ///   - path: the log file (`alerts.log`).
    ///   - tailBytes: bytes read from each file's end by ``containsAlertID(_:)``; default 4 MiB.
    ///   - logger: receives a warning for each ``AlertLogWarning``.
    /// - Throws: ``AlertLogError/cannotCreateFolder(path:reason:)``, ``AlertLogError/cannotOpen(path:errno:)``.
    package init(path: String, tailBytes: Int = 4 << 20, logger: Logger = Logger(label: "seedwatch.alertlog")) throws {
        self.path = path
        self.tailBytes = tailBytes
        self.logger = logger
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o750])
            } catch {
                throw AlertLogError.cannotCreateFolder(path: path, reason: String(describing: error))
            }
        }
        state = Mutex(try Self.openLog(path))
    }

    deinit {
        state.withLock { _ = close($0.fd) }
    }

    /// Appends one alert line: a single `write(2)` of the whole line (retried on `EINTR`), then
    /// `fdatasync(2)`. Reopens first if the log was rotated or removed.
    ///
    /// - Parameter line: one complete line: UTF-8 JSON ending in `"\n"`, with no other `"\n"`.
    /// - Returns: what was noticed about the log (rotation, truncation); each is also logged as a warning.
    /// - Throws: ``AlertLogError``: ``AlertLogError/malformedLine(reason:)`` before anything is written;
    ///   ``AlertLogError/writeFailed(path:errno:)``, ``AlertLogError/shortWrite(path:written:expected:)``
    ///   or ``AlertLogError/syncFailed(path:errno:)`` when the line may not be durable — the caller keeps it pending.
    @discardableResult
    package func append(_ line: [UInt8]) throws -> [AlertLogWarning] {
        try Self.checkLine(line)
        let warnings = try state.withLock { log in try writeLine(line, to: &log, sync: true) }
        for warning in warnings {
            logger.warning("\(warning.description)")
        }
        return warnings
    }

    /// Appends several alert lines: each a single `write(2)` as in ``append(_:)``, then one
    /// `fdatasync(2)` for all of them (a batch of decisions, issue 11). A line that fails stops
    /// the batch; lines before it are written but may not be durable, so the caller keeps every
    /// line of the batch pending.
    /// - Throws: as ``append(_:)``; every line is checked before anything is written.
    @discardableResult
    package func appendLines(_ lines: [[UInt8]]) throws -> [AlertLogWarning] {
        for line in lines { try Self.checkLine(line) }
        let warnings = try state.withLock { log -> [AlertLogWarning] in
            var warnings: [AlertLogWarning] = []
            for (i, line) in lines.enumerated() {
                warnings += try writeLine(line, to: &log, sync: i == lines.count - 1)
            }
            return warnings
        }
        for warning in warnings {
            logger.warning("\(warning.description)")
        }
        return warnings
    }

    private static func checkLine(_ line: [UInt8]) throws {
        guard let newline = line.firstIndex(of: 0x0A) else {
            throw AlertLogError.malformedLine(reason: line.isEmpty ? "empty line" : "no terminating newline")
        }
        guard newline == line.count - 1 else {
            throw AlertLogError.malformedLine(reason: "newline inside the line at byte \(newline)")
        }
    }

    /// One line's `write(2)` under the lock (see ``append(_:)``), followed by `fdatasync(2)` when `sync`.
    private func writeLine(_ line: [UInt8], to log: inout OpenLog, sync: Bool) throws -> [AlertLogWarning] {
        var warnings = try followRotation(&log)
        let bytes = log.needsLeadingNewline ? [0x0A] + line : line
        // Where this line starts: only we write to the log, so a fragment ends up past this offset.
        var before = stat()
        let start: Int64? = fstat(log.fd, &before) == 0 ? Int64(before.st_size) : nil
        let written: Int
        do {
            written = try writeOnce(log.fd, bytes)
        } catch {
            removeFragment(&log, from: start)
            throw error
        }
        guard written == bytes.count else {
            // A full disk or a file size limit: remove the fragment so that no reader (and no
            // reconciliation) takes it for the line; the alert stays pending.
            removeFragment(&log, from: start)
            throw AlertLogError.shortWrite(path: path, written: written, expected: bytes.count)
        }
        log.needsLeadingNewline = false
        while sync && fdatasync(log.fd) != 0 {
            guard errno == EINTR else { throw AlertLogError.syncFailed(path: path, errno: errno) }
        }
        // With O_APPEND our line ends at the file's end. Only we write to the log, so a line that
        // started before our previous end means the file was truncated since (copytruncate).
        let end = Int64(lseek(log.fd, 0, SEEK_CUR))
        if end >= 0 {
            let start = end - Int64(bytes.count)
            if start < log.lastEnd {
                warnings.append(.truncated(path: path, size: start, lastEnd: log.lastEnd))
            }
            log.lastEnd = end
        }
        return warnings
    }

    /// Closes the log and opens the file now at ``path`` (SIGHUP, DESIGN §10). The new file is
    /// opened before the old descriptor is closed, so a failure leaves the old one in use.
    /// - Throws: ``AlertLogError/cannotOpen(path:errno:)``.
    package func reopen() throws {
        try state.withLock { log in
            let fresh = try Self.openLog(path)
            _ = close(log.fd)
            log = fresh
        }
    }

    /// Cuts the log back to `start` (bytes) after a failed or short write. When that is not possible,
    /// the next line starts with `"\n"` so that it at least begins on a line of its own.
    private func removeFragment(_ log: inout OpenLog, from start: Int64?) {
        var info = stat()
        guard fstat(log.fd, &info) == 0, let start else {
            log.needsLeadingNewline = true
            return
        }
        guard Int64(info.st_size) > start else { return }
        if ftruncate(log.fd, off_t(start)) != 0 {
            log.needsLeadingNewline = true
        }
    }

    /// Reopens when `stat(path)` and `fstat(fd)` disagree on device and inode, or the path is gone.
    private func followRotation(_ log: inout OpenLog) throws -> [AlertLogWarning] {
        var info = stat()
        let warning: AlertLogWarning
        if stat(path, &info) != 0 {
            guard errno == ENOENT || errno == ENOTDIR else { return [] }
            warning = .pathGone(path: path)
        } else if UInt64(info.st_dev) != log.device || UInt64(info.st_ino) != log.inode {
            warning = .rotated(path: path)
        } else {
            return []
        }
        let fresh = try Self.openLog(path)
        _ = close(log.fd)
        log = fresh
        return [warning]
    }

    private static func openLog(_ path: String) throws -> OpenLog {
        var fd = openForAppend(path)
        if fd < 0 && errno == ENOENT {
            // The log's folder was removed while we ran: make it again (mode 0750), as at start-up.
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                         attributes: [.posixPermissions: 0o750])
                fd = openForAppend(path)
            }
        }
        guard fd >= 0 else { throw AlertLogError.cannotOpen(path: path, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            _ = close(fd)
            throw AlertLogError.cannotOpen(path: path, errno: code)
        }
        let size = Int64(info.st_size)
        if size == 0 {
            // Possibly just created: make its directory entry durable too (fdatasync covers only data).
            syncFolder(of: path)
        }
        var torn = false
        if size > 0 {
            // The descriptor is write-only: read the last byte through a second, read-only one.
            let reader = open(path, O_RDONLY | O_CLOEXEC)
            if reader >= 0 {
                var last: UInt8 = 0x0A
                if pread(reader, &last, 1, off_t(size - 1)) == 1 { torn = last != 0x0A }
                _ = close(reader)
            }
        }
        return OpenLog(fd: fd, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), lastEnd: size,
                       needsLeadingNewline: torn)
    }

    /// `open(2)` with `O_WRONLY|O_APPEND|O_CREAT|O_CLOEXEC`, mode 0640, retried on `EINTR`; -1 and `errno` on failure.
    private static func openForAppend(_ path: String) -> Int32 {
        var fd: Int32
        repeat {
            fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        } while fd < 0 && errno == EINTR
        return fd
    }

    /// `fsync(2)` of the folder holding `path`, so a newly created file survives a power cut. Best effort.
    private static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }

    /// One `write(2)` of all of `bytes`, retried from the start only when interrupted before writing.
    /// - Returns: bytes written (less than `bytes.count` on a short write).
    private func writeOnce(_ fd: Int32, _ bytes: [UInt8]) throws -> Int {
        while true {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n >= 0 { return n }
            guard errno == EINTR else { throw AlertLogError.writeFailed(path: path, errno: errno) }
        }
    }
}
