import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SeedwatchCore

/// Reads a whole file by raw path bytes, refusing anything that is not a regular file or is
/// larger than a cap. Never modifies the file.
package enum FileReader {
    /// Why a file could not be read.
    package enum Failure: Error, Sendable, CustomStringConvertible {
        case open(errno: Int32)
        case notRegular
        case tooLarge(size: Int, limit: Int)
        case read(errno: Int32)

        package var description: String {
            switch self {
            case .open(let e): return "cannot open: \(String(cString: strerror(e)))"
            case .notRegular: return "not a regular file"
            case .tooLarge(let size, let limit): return "file is \(size) bytes, above drop_folder.max_bytes (\(limit) bytes)"
            case .read(let e): return "read failed: \(String(cString: strerror(e)))"
            }
        }
    }

    /// - Parameters:
    ///   - path: the path as raw bytes (need not be UTF-8).
    ///   - maxBytes: the largest size accepted, in bytes.
    /// - Returns: the file's bytes, or why they could not be read.
    package static func read(path: [UInt8], maxBytes: Int) -> Result<[UInt8], Failure> {
        var cPath = path.map { CChar(bitPattern: $0) }
        cPath.append(0)
        let fd = open(cPath, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.open(errno: errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.read(errno: errno)) }
        guard st.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegular) }
        guard Int(st.st_size) <= maxBytes else { return .failure(.tooLarge(size: Int(st.st_size), limit: maxBytes)) }
        // Read straight into the result, sized from fstat(2) with one byte more, so that a file that
        // grew since is noticed; no zeroed 64 KiB scratch buffer per file (a burst of small dropped
        // files paid one each, issue 15).
        let expected = Int(st.st_size)
        var failure: Failure?
        var result = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = 0
            // A large file is read into fresh pages: huge ones take 512 times fewer faults.
            HugePages.advise(buffer.baseAddress!, count: buffer.count)
            while count < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    failure = .read(errno: errno)
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        if let failure { return .failure(failure) }
        if result.count > expected {
            // The file grew while it was read: the rest, in pieces.
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while result.count <= maxBytes {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return .failure(.read(errno: errno))
                }
                if n == 0 { break }
                result.append(contentsOf: buffer[0..<n])
            }
        }
        if result.count > maxBytes { return .failure(.tooLarge(size: result.count, limit: maxBytes)) }
        return .success(result)
    }
}
