import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock(2)` on the configuration file, held by `seedwatch feeds add|remove|import`
/// from reading the file to replacing it, so that two edits at once are applied one after the
/// other and neither is lost.
///
/// ``ConfigurationFileWriter`` replaces the file by `rename(2)`, so an edit that waited holds the
/// lock of the file's old inode when it gets it: it then sees that the path names another file
/// (`stat` differs from `fstat`), and locks that one instead, until the two agree. The lock needs
/// only read access; it is released when the value is released (or the process ends). The daemon
/// takes no part: its reload reads whichever whole file is there.
package final class ConfigurationEditLock {
    /// Why the lock could not be taken; each names the file.
    package enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file cannot be opened for reading (`errno`).
        case cannotOpen(path: String, errno: Int32)
        /// `flock` failed for a reason other than another holder (`errno`).
        case cannotLock(path: String, errno: Int32)

        package var description: String {
            switch self {
            case .cannotOpen(let path, let code): return "cannot open \(path) to lock it: \(String(cString: strerror(code)))"
            case .cannotLock(let path, let code): return "cannot lock \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// The file locked: the configuration's path with symbolic links resolved.
    package let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock, waiting as long as another edit holds it.
    /// - Parameters:
    ///   - path: the configuration file (a symbolic link is followed, as the writer does).
    ///   - onWait: called once, before waiting, when another process or thread holds the lock.
    /// - Throws: ``Failure``.
    package static func acquire(path: String, onWait: () -> Void = {}) throws(Failure) -> ConfigurationEditLock {
        var waited = false
        while true {
            var target = path
            if let resolved = realpath(path, nil) {
                target = String(cString: resolved)
                free(resolved)
            }
            let fd = open(target, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .cannotOpen(path: target, errno: errno) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                guard code == EWOULDBLOCK else {
                    close(fd)
                    throw .cannotLock(path: target, errno: code)
                }
                if !waited {
                    onWait()
                    waited = true
                }
                while flock(fd, LOCK_EX) != 0 {
                    guard errno == EINTR else {
                        let failure = errno
                        close(fd)
                        throw .cannotLock(path: target, errno: failure)
                    }
                }
            }
            // The holder may have replaced the file: the lock must be on the file the path names now.
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(target, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                return ConfigurationEditLock(path: target, descriptor: fd)
            }
            close(fd)
        }
    }

    /// Runs one edit of the file under the lock: reads its text, passes it to `edit`, and replaces
    /// the file with the result (``ConfigurationFileWriter``) unless `edit` returns nil.
    /// - Parameters:
    ///   - path: the configuration file.
    ///   - onWait: called once when another edit holds the lock.
    ///   - edit: the new text for the old, or nil to leave the file as it is; may throw.
    /// - Returns: what `edit` returned.
    /// - Throws: ``Failure``, a `CocoaError` when the file cannot be read as UTF-8,
    ///   ``ConfigurationFileWriter/WriteError``, or what `edit` throws (the file is then unchanged).
    @discardableResult
    package static func editing(_ path: String, onWait: () -> Void = {}, _ edit: (String) throws -> String?) throws -> String? {
        let lock = try acquire(path: path, onWait: onWait)
        return try withExtendedLifetime(lock) {
            let text = try String(contentsOfFile: lock.path, encoding: .utf8)
            guard let edited = try edit(text) else { return nil }
            try ConfigurationFileWriter.replace(edited, at: lock.path)
            return edited
        }
    }
}
