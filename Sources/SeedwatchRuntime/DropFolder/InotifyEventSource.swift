#if canImport(Glibc)
import Glibc
import Synchronization

/// Why the kernel's file-event facility could not be opened.
package enum FileEventSourceError: Error, Sendable, Hashable {
    /// `inotify_init1(2)` failed, e.g. `EMFILE` when `fs.inotify.max_user_instances` is reached.
    case inotifyUnavailable(errno: Int32)
    /// The wake-up pipe could not be created.
    case pipeUnavailable(errno: Int32)
}

/// The real ``FileEventSource``: one Linux inotify instance (inotify(7)), opened with
/// `IN_NONBLOCK | IN_CLOEXEC`, read with `poll(2)` on the calling thread (never on Swift's
/// cooperative pool). A self-pipe lets ``wake()`` interrupt a wait.
package final class InotifyEventSource: FileEventSource, @unchecked Sendable {
    // `inotifyDescriptor` and `wakeRead` are touched only by the owning thread; `wakeWrite` is
    // guarded by `closed` so that `wake()` never writes to a closed (or reused) descriptor.
    private let inotifyDescriptor: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let closed = Mutex(false)
    private var buffer: [UInt8] = Array(repeating: 0, count: 64 * 1024)

    /// Opens an inotify instance and the wake-up pipe.
    /// - Throws: ``FileEventSourceError``.
    package init() throws(FileEventSourceError) {
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw .inotifyUnavailable(errno: errno) }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .pipeUnavailable(errno: code)
        }
        for pipeEnd in fds {
            _ = fcntl(pipeEnd, F_SETFL, fcntl(pipeEnd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(pipeEnd, F_SETFD, FD_CLOEXEC)
        }
        inotifyDescriptor = fd
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    package func addWatch(path: [UInt8], mask: FileEventMask) throws(WatchError) -> WatchDescriptor {
        let wd = (path + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { inotify_add_watch(inotifyDescriptor, $0.baseAddress!, mask.rawValue) }
        }
        guard wd < 0 else { return wd }
        switch errno {
        case ENOSPC: throw .watchLimitReached
        case EACCES: throw .permissionDenied
        case ENOENT, ENOTDIR, ELOOP: throw .notADirectory
        case let code: throw .system(errno: code)
        }
    }

    package func removeWatch(_ watch: WatchDescriptor) {
        _ = inotify_rm_watch(inotifyDescriptor, watch)
    }

    package func nextEvents(timeout: Double?) -> [FileEvent] {
        var events = readAvailable()
        guard events.isEmpty else { return events }
        var fds = [
            pollfd(fd: inotifyDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        let milliseconds: Int32
        if let timeout {
            milliseconds = Int32(clamping: Int64((max(0, timeout) * 1000).rounded(.up)))
        } else {
            milliseconds = -1
        }
        let ready = poll(&fds, 2, milliseconds)
        if ready > 0, fds[1].revents != 0 { drainWakePipe() }
        if ready > 0, fds[0].revents != 0 { events = readAvailable() }
        return events
    }

    package func wake() {
        closed.withLock { isClosed in
            guard !isClosed else { return }
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }

    package func close() {
        closed.withLock { isClosed in
            guard !isClosed else { return }
            isClosed = true
            Glibc.close(inotifyDescriptor)
            Glibc.close(wakeRead)
            Glibc.close(wakeWrite)
        }
    }

    deinit { close() }

    private func drainWakePipe() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &scratch, scratch.count) > 0 {}
    }

    /// Reads every queued event without blocking. Layout of `struct inotify_event`: `int wd`,
    /// `uint32_t mask`, `uint32_t cookie`, `uint32_t len`, then `len` bytes of NUL-padded name.
    private func readAvailable() -> [FileEvent] {
        var events: [FileEvent] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(inotifyDescriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset + 16 <= count {
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let cookie = raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameStart = offset + 16
                    let nameEnd = min(nameStart + length, count)
                    var name = Array(raw[nameStart..<nameEnd])
                    if let nul = name.firstIndex(of: 0) { name.removeSubrange(nul...) }
                    events.append(FileEvent(watch: wd, mask: FileEventMask(rawValue: mask), cookie: cookie, name: name))
                    offset = nameStart + length
                }
            }
        }
        return events
    }
}
#endif
