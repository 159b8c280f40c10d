import Foundation
import SeedwatchCore
#if canImport(Glibc)
import Glibc
#endif

/// The single-instance lock: an exclusive `flock(2)` on `.<state file name>.lock` in the state's
/// folder (`var/state/.seedwatch.sqlite.lock`), held by the daemon for as long as it runs (the
/// kernel releases it when the process ends, however it ends). A dotfile, so that
/// `rm var/state/seedwatch.sqlite*` (or `rm var/state/*`) does not take the lock with the database
/// (tryout F12). The lock name of earlier releases, `<state.path>.lock`, is locked too while it can
/// be (an earlier release's daemon on the same state holds it: the start is refused) and probed by
/// ``probe(statePath:)``.
///
/// The file holds one line, `pid=<pid> since=<RFC 3339 UTC> since_unix=<seconds>`, so that `seedwatch status` can say
/// since when the daemon runs. Readers (`scan`, `alerts`, `feeds`, `status`) never take the lock.
package final class StateLock: Sendable {
    /// Who holds the lock, as written in the lock file.
    package struct Holder: Sendable, Equatable {
        /// The daemon's process id, when the file says.
        package var pid: Int32?
        /// When the daemon took the lock, when the file says.
        package var since: Date?

        package init(pid: Int32? = nil, since: Date? = nil) {
            self.pid = pid
            self.since = since
        }
    }

    /// Why the lock could not be taken.
    package enum Failure: Error, Sendable, CustomStringConvertible {
        /// Another process holds it (EWOULDBLOCK): a daemon already runs on this state.
        case held(path: String, holder: Holder)
        /// The lock file cannot be opened or locked.
        case unavailable(path: String, reason: String)

        package var description: String {
            switch self {
            case .held(let path, let holder):
                let who = holder.pid.map { "process \($0)" } ?? "another process"
                let since = holder.since.map { " since " + AlertTimestamp.format($0) } ?? ""
                return "another seedwatch daemon (\(who)\(since)) already runs on this state database: \(path) is locked; "
                    + "stop it first (systemctl stop seedwatch)"
            case .unavailable(let path, let reason):
                return "\(path): cannot take the daemon lock: \(reason)"
            }
        }
    }

    /// The lock file.
    package let path: String
    private let fd: Int32
    /// The lock of earlier releases, held with this one (-1 when it could not be opened).
    private let legacyFD: Int32

    private init(path: String, fd: Int32, legacyFD: Int32) {
        self.path = path
        self.fd = fd
        self.legacyFD = legacyFD
    }

    deinit {
        close(fd)
        if legacyFD >= 0 { close(legacyFD) }
    }

    /// The lock file of a state database: `.` + its file name + `.lock`, in its folder.
    package static func lockPath(statePath: String) -> String {
        let url = URL(fileURLWithPath: statePath)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".lock").path
    }

    /// The lock file of releases before the dotfile: `<state.path>.lock`.
    package static func legacyLockPath(statePath: String) -> String { statePath + ".lock" }

    /// Takes the lock for the daemon, retrying for up to `waitSeconds` (a `seedwatch status` probe
    /// holds it shared for microseconds), then writes the holder line.
    /// - Throws: ``Failure/held(path:holder:)`` when another process keeps it, ``Failure/unavailable(path:reason:)`` otherwise.
    package static func acquire(statePath: String, waitSeconds: Double = 1, now: Date = Date()) throws(Failure) -> StateLock {
        let fd = try lock(path: lockPath(statePath: statePath), waitSeconds: waitSeconds)
        // An earlier release's daemon holds only the legacy lock: refused while it runs. The file is
        // not created when absent.
        let legacyPath = legacyLockPath(statePath: statePath)
        let legacyFD = open(legacyPath, O_RDWR | O_CLOEXEC)
        if legacyFD >= 0, flock(legacyFD, LOCK_EX | LOCK_NB) != 0, errno == EWOULDBLOCK {
            let holder = readHolder(fd: legacyFD)
            close(legacyFD)
            close(fd)
            throw .held(path: legacyPath, holder: holder)
        }
        let line = Array("pid=\(getpid()) since=\(AlertTimestamp.format(now)) since_unix=\(Int64(now.timeIntervalSince1970))\n".utf8)
        _ = ftruncate(fd, 0)
        _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return StateLock(path: lockPath(statePath: statePath), fd: fd, legacyFD: legacyFD)
    }

    /// Opens (creating it) and locks `path` exclusively, retrying for up to `waitSeconds`.
    private static func lock(path: String, waitSeconds: Double) throws(Failure) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .unavailable(path: path, reason: String(cString: strerror(errno))) }
        let deadline = Date().addingTimeInterval(waitSeconds)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            guard error == EWOULDBLOCK || error == EINTR else {
                close(fd)
                throw .unavailable(path: path, reason: String(cString: strerror(error)))
            }
            if Date() >= deadline {
                let holder = readHolder(fd: fd)
                close(fd)
                throw .held(path: path, holder: holder)
            }
            usleep(20_000)
        }
        return fd
    }

    /// Whether a daemon holds the lock of `statePath`, without disturbing it: `nil` when none does
    /// (or the file is absent), else the holder read from the file. The lock of earlier releases
    /// is asked after this release's.
    package static func probe(statePath: String) -> Holder? {
        probe(path: lockPath(statePath: statePath)) ?? probe(path: legacyLockPath(statePath: statePath))
    }

    private static func probe(path: String) -> Holder? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            // Not readable by this user (another account's 0640 file): ask the kernel's lock table.
            return errno == EACCES ? kernelHolder(of: path) : nil
        }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return nil
        }
        return readHolder(fd: fd)
    }

    /// The holder of an exclusive `flock` on `path` as `/proc/locks` lists it (proc(5): type
    /// `FLOCK`, `WRITE`, pid, `major:minor:inode` with the device numbers in hex), or nil.
    static func kernelHolder(of path: String, locks: String? = nil) -> Holder? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let dev = UInt64(info.st_dev)
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        let device = String(format: "%02llx:%02llx:%llu", major, minor, UInt64(info.st_ino))
        guard let table = locks ?? (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) else { return nil }
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "FLOCK", fields[3] == "WRITE", fields[5] == device else { continue }
            return Holder(pid: Int32(fields[4]), since: nil)
        }
        return nil
    }

    static func readHolder(fd: Int32) -> Holder {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return Holder() }
        return parseHolder(String(decoding: buffer[0..<n], as: UTF8.self))
    }

    /// Reads `pid=<pid> … since_unix=<seconds>` (fields in any order; unknown ones ignored).
    static func parseHolder(_ text: String) -> Holder {
        var holder = Holder()
        for field in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if field.hasPrefix("pid=") { holder.pid = Int32(field.dropFirst(4)) }
            if field.hasPrefix("since_unix="), let t = Int64(field.dropFirst(11)) { holder.since = Date(timeIntervalSince1970: Double(t)) }
        }
        return holder
    }
}
