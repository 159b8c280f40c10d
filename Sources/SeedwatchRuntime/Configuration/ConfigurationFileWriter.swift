import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces the configuration file's text atomically (`seedwatch feeds add|remove|import`): the new
/// text goes to a temporary file in the same folder with the old file's mode and owner, is
/// `fsync`ed, then renamed over the file (POSIX `rename(2)`: readers — the daemon's reload — see
/// the old text or the new, never half), and the folder is `fsync`ed. A symbolic link is followed:
/// its target is replaced, the link stays.
package enum ConfigurationFileWriter {
    /// Why the file could not be replaced; `path` is the file or the temporary file.
    package struct WriteError: Error, CustomStringConvertible {
        package var path: String
        package var operation: String
        package var errno: Int32
        package var description: String { "cannot \(operation) \(path): \(String(cString: strerror(errno)))" }
    }

    /// - Parameters:
    ///   - text: the new content (written as UTF-8).
    ///   - path: the configuration file; it must exist (its mode and owner are kept).
    /// - Throws: ``WriteError``; the file is then unchanged and no temporary file is left.
    package static func replace(_ text: String, at path: String) throws(WriteError) {
        var target = path
        if let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        var info = stat()
        guard stat(target, &info) == 0 else { throw WriteError(path: target, operation: "read the mode of", errno: errno) }
        let folder = (target as NSString).deletingLastPathComponent
        let temporary = folder + "/." + (target as NSString).lastPathComponent + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, info.st_mode & 0o7777)
        guard fd >= 0 else { throw WriteError(path: temporary, operation: "create", errno: errno) }
        func fail(_ operation: String) -> WriteError {
            let e = errno
            close(fd)
            unlink(temporary)
            return WriteError(path: temporary, operation: operation, errno: e)
        }
        _ = fchmod(fd, info.st_mode & 0o7777)
        if geteuid() == 0 { _ = fchown(fd, info.st_uid, info.st_gid) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("write")
            }
            offset += n
        }
        guard fsync(fd) == 0 else { throw fail("fsync") }
        close(fd)
        guard rename(temporary, target) == 0 else {
            let e = errno
            unlink(temporary)
            throw WriteError(path: target, operation: "replace", errno: e)
        }
        let folderFD = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 { _ = fsync(folderFD); close(folderFD) }
    }
}
