import Foundation
import ServiceLifecycle

/// A fresh `STATUS=` every second (when it changed), and the backlog saved in the state database
/// for `seedwatch status` (when it changed, and at least every 30 s). `WATCHDOG=1` comes from
/// ``WatchdogPinger``'s own thread, so that no task can delay it.
struct StatusService: Service {
    let notifier: SystemdNotifier
    let status: DaemonStatus
    var store: StateStore? = nil

    func run() async throws {
        var last = ""
        var saved: (queued: Int, deferred: Int, at: Date)?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if let store {
                let backlog = await status.backlog()
                if saved == nil || saved!.queued != backlog.queued || saved!.deferred != backlog.deferred
                    || Date().timeIntervalSince(saved!.at) >= 30 {
                    if (try? store.saveBacklog(queued: backlog.queued, deferred: backlog.deferred)) != nil {
                        saved = (backlog.queued, backlog.deferred, Date())
                    }
                }
            }
            if notifier.isEnabled {
                let line = await status.line()
                if line != last {
                    notifier.status(line)
                    last = line
                }
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
            } catch {
                return
            }
        }
    }
}
