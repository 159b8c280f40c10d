import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the metrics for node_exporter's textfile collector (`metrics.textfile`) atomically: to a
/// temporary file in the same folder, `fsync`ed, then renamed over the target, so the collector
/// never reads half a file (node_exporter textfile collector documentation).
package enum MetricsTextfile {
    /// - Throws: `POSIXError` naming what failed.
    package static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                unlink(temporary)
                throw POSIXError(.init(rawValue: e) ?? .EIO)
            }
            offset += n
        }
        _ = fsync(fd)
        close(fd)
        guard rename(temporary, path) == 0 else {
            let e = errno
            unlink(temporary)
            throw POSIXError(.init(rawValue: e) ?? .EIO)
        }
    }
}
