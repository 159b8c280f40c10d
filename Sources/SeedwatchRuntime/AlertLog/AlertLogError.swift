#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the alert log could not be opened, written or read. `errno` values are the C `errno` at failure.
package enum AlertLogError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The log's folder did not exist and could not be created.
    case cannotCreateFolder(path: String, reason: String)
    /// `open(2)` failed.
    case cannotOpen(path: String, errno: Int32)
    /// The line is empty, does not end in `"\n"`, or holds another `"\n"`.
    case malformedLine(reason: String)
    /// `write(2)` failed; nothing or a fragment was written (a fragment is closed with `"\n"`).
    case writeFailed(path: String, errno: Int32)
    /// `write(2)` wrote fewer bytes than the line holds (disk full, file size limit).
    case shortWrite(path: String, written: Int, expected: Int)
    /// `fdatasync(2)` failed: the line may not be on disk.
    case syncFailed(path: String, errno: Int32)
    /// `stat(2)`/`fstat(2)`/`read(2)` failed on the log or a rotated file.
    case readFailed(path: String, errno: Int32)

    package var description: String {
        switch self {
        case .cannotCreateFolder(let path, let reason): return "cannot create the alert log's folder for \(path): \(reason)"
        case .cannotOpen(let path, let e): return "cannot open alert log \(path): \(AlertLogError.text(e))"
        case .malformedLine(let reason): return "refusing to append a malformed alert line: \(reason)"
        case .writeFailed(let path, let e): return "cannot write to alert log \(path): \(AlertLogError.text(e))"
        case .shortWrite(let path, let written, let expected):
            return "short write to alert log \(path): \(written) of \(expected) bytes (disk full?)"
        case .syncFailed(let path, let e): return "fdatasync of alert log \(path) failed: \(AlertLogError.text(e))"
        case .readFailed(let path, let e): return "cannot read \(path): \(AlertLogError.text(e))"
        }
    }

    static func text(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}
