import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Speaks the sd_notify protocol (systemd sd_notify(3)) directly: one datagram per state change,
/// sent to the `AF_UNIX` socket named by `$NOTIFY_SOCKET` (a path, or `@name` for the abstract
/// namespace). Without `$NOTIFY_SOCKET` (not under systemd) every call is a no-op.
package final class SystemdNotifier: Sendable {
    private let socketPath: String?

    /// - Parameter environment: where to read `NOTIFY_SOCKET` (the process environment by default).
    package init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"]
        self.socketPath = (path?.isEmpty ?? true) ? nil : path
    }

    /// Whether a notification socket is configured.
    package var isEnabled: Bool { socketPath != nil }

    /// Sends newline-separated `KEY=VALUE` assignments, e.g. `"READY=1\nSTATUS=watching"`.
    /// - Returns: true when the datagram was sent; failures are not fatal to the daemon.
    @discardableResult
    package func notify(_ state: String) -> Bool {
        guard let socketPath else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in pathBytes.enumerated() { raw[i] = b }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                message.withUnsafeBytes { buffer in
                    sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), sa, length)
                }
            }
        }
        return sent == message.count
    }

    /// `READY=1`: start-up finished (DESIGN §10: after outbox reconciliation, before the backlog).
    package func ready(status: String? = nil) { notify(["READY=1", status.map { "STATUS=" + $0 }].compactMap { $0 }.joined(separator: "\n")) }
    /// `STATUS=…`: a one-line human-readable status for `systemctl status`.
    package func status(_ text: String) { notify("STATUS=" + text) }
    /// `WATCHDOG=1`: keep-alive ping, due every `WatchdogSec/2`.
    package func watchdog() { notify("WATCHDOG=1") }
    /// `RELOADING=1` with `MONOTONIC_USEC=` (required by `Type=notify-reload`, harmless otherwise).
    package func reloading() {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let usec = UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
        notify("RELOADING=1\nMONOTONIC_USEC=\(usec)")
    }
    /// `STOPPING=1`: shutdown has begun.
    package func stopping() { notify("STOPPING=1") }

    /// The watchdog interval systemd asks for (`$WATCHDOG_USEC`, microseconds), as seconds; `nil`
    /// when no watchdog is configured or it is meant for another process (`$WATCHDOG_PID`).
    package static func watchdogInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double? {
        guard let usecText = environment["WATCHDOG_USEC"], let usec = UInt64(usecText), usec > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"], let p = Int32(pid), p != getpid() { return nil }
        return Double(usec) / 1_000_000
    }
}
