import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The write end of the signal self-pipe, read by the signal handler (a C function cannot capture).
private let signalPipeWriteEnd = Atomic<Int32>(-1)

/// Queues the daemon's signals from the moment they are installed, so that none is lost or fatal
/// while the daemon starts: a SIGHUP (`systemctl start` then `systemctl reload`, logrotate's
/// `kill -HUP`) is applied as soon as the reload handler runs (issue 11, item 3), and a SIGTERM
/// before the services run stops the daemon gracefully once they do.
///
/// A `sigaction(2)` handler writes the signal's number as one byte to a non-blocking self-pipe
/// (`write(2)` is async-signal-safe, signal-safety(7)); a dedicated thread reads the pipe and
/// yields into ``reloads`` or ``stops``, which buffer the newest request until someone iterates
/// them. Several SIGHUPs that arrive before a reload starts are one reload: it reads the newest
/// configuration. The default actions are replaced at install and never restored.
package final class DaemonSignals: Sendable {
    /// The process-wide instance, created by the first ``install()``.
    private static let shared = Mutex<DaemonSignals?>(nil)

    /// One element per reload request (SIGHUP; coalesced while none is being taken).
    package let reloads: AsyncStream<Void>
    /// The stop signal (SIGTERM or SIGINT), once ``installStopSignals()`` was called.
    package let stops: AsyncStream<Int32>
    private let reloadContinuation: AsyncStream<Void>.Continuation
    private let stopContinuation: AsyncStream<Int32>.Continuation
    private let hangups = Atomic<Int>(0)

    private init() {
        (reloads, reloadContinuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        (stops, stopContinuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// SIGHUPs received so far.
    package var hangupCount: Int { hangups.load(ordering: .relaxed) }

    /// Installs the SIGHUP handler (once per process) and returns the instance.
    /// - Throws: `POSIXError` when the pipe or the handler cannot be set up.
    package static func install() throws -> DaemonSignals {
        try shared.withLock { (current) throws -> DaemonSignals in
            if let current { return current }
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            // The writing end never blocks the handler (a full pipe already holds requests);
            // the reading end blocks: the thread waits on it.
            _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
            signalPipeWriteEnd.store(fds[1], ordering: .sequentiallyConsistent)
            let signals = DaemonSignals()
            let readEnd = fds[0]
            let thread = Thread {
                var byte: UInt8 = 0
                while true {
                    let n = read(readEnd, &byte, 1)
                    if n == 1 {
                        if Int32(byte) == SIGHUP {
                            signals.hangups.add(1, ordering: .relaxed)
                            signals.reloadContinuation.yield(())
                        } else {
                            signals.stopContinuation.yield(Int32(byte))
                        }
                    } else if n < 0 && errno == EINTR {
                        continue
                    } else {
                        return
                    }
                }
            }
            thread.name = "seedwatch-signals"
            thread.start()
            try trap(SIGHUP)
            current = signals
            return signals
        }
    }

    /// Also queues SIGTERM and SIGINT on ``stops`` (the daemon only: a test process keeps its own).
    /// - Throws: `POSIXError` when a handler cannot be set.
    package func installStopSignals() throws {
        try Self.trap(SIGTERM)
        try Self.trap(SIGINT)
    }

    private static func trap(_ signal: Int32) throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            let saved = errno
            var byte = UInt8(truncatingIfNeeded: signal)
            _ = write(signalPipeWriteEnd.load(ordering: .relaxed), &byte, 1)
            errno = saved
        }
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        guard sigaction(signal, &action, nil) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }
}
