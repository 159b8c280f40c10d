import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket that plays systemd's side of sd_notify(3) for a test: it binds a path,
/// collects every message the daemon sends, and lets the test wait for a given assignment.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let lock = NSLock()
    private var messages: [String] = []
    private var times: [Date] = []
    private var thread: Thread?
    private var stopped = false

    init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let t = Thread { [weak self] in self?.receiveLoop() }
        thread = t
        t.start()
    }

    private func receiveLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            lock.lock()
            let done = stopped
            lock.unlock()
            if done { return }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 {
                let text = String(decoding: buffer[0..<n], as: UTF8.self)
                lock.lock()
                messages.append(text)
                times.append(Date())
                lock.unlock()
            }
        }
    }

    /// Every message received so far.
    var received: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }

    /// When each message of ``received`` arrived.
    var receivedTimes: [Date] {
        lock.lock()
        defer { lock.unlock() }
        return times
    }

    /// When each message holding `assignment` (e.g. `WATCHDOG=1`) arrived, oldest first.
    func times(of assignment: String) -> [Date] {
        lock.lock()
        defer { lock.unlock() }
        return zip(messages, times).filter { $0.0.split(separator: "\n").contains { $0 == assignment } }.map(\.1)
    }

    /// Index of the first message at or after `from` that contains the line `assignment`.
    func index(of assignment: String, from: Int = 0) -> Int? {
        let all = received
        guard from < all.count else { return nil }
        for i in from..<all.count where all[i].split(separator: "\n").contains(where: { $0 == assignment }) {
            return i
        }
        return nil
    }

    /// Waits up to `timeout` seconds for a message holding `assignment` (e.g. `READY=1`).
    @discardableResult
    func wait(for assignment: String, from: Int = 0, timeout: Double) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let i = index(of: assignment, from: from) { return i }
            usleep(50_000)
        }
        return nil
    }

    /// Waits until every datagram the kernel holds for this socket has been read into ``received``
    /// (the socket's queue is empty, then 0.1 s for the reading thread to store the last one).
    /// With the sender stopped (SIGSTOP), ``received`` is then everything it ever sent.
    func drain(timeout: Double = 10) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var queued: Int32 = 0
            let result = withUnsafeMutablePointer(to: &queued) { ioctl(fd, UInt(FIONREAD), $0) }
            if result == 0 && queued == 0 { break }
            usleep(10_000)
        }
        usleep(100_000)
    }

    /// The `STATUS=` texts of the messages at or after index `from`, oldest first.
    func statuses(from: Int = 0) -> [String] {
        let all = received
        guard from < all.count else { return [] }
        return all[from...].flatMap { message in
            message.split(separator: "\n").filter { $0.hasPrefix("STATUS=") }.map { String($0.dropFirst(7)) }
        }
    }

    /// The newest `STATUS=` text.
    var lastStatus: String? {
        for m in received.reversed() {
            for line in m.split(separator: "\n") where line.hasPrefix("STATUS=") {
                return String(line.dropFirst(7))
            }
        }
        return nil
    }

    func close() {
        lock.lock()
        stopped = true
        lock.unlock()
        thread = nil
        Glibc.close(fd)
        unlink(path)
    }
}
