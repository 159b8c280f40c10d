import Foundation
import SeedwatchRuntime
import Synchronization

/// A ``FileEventSource`` for tests: watches are bookkeeping only, and events are whatever the test
/// pushes with ``emit(in:mask:name:cookie:)`` or ``emitOverflow()``. The watcher still reads the
/// real file system for scans and `stat(2)`, so a test lays out real files and scripts the events.
package final class ScriptedFileEventSource: FileEventSource, Sendable {
    private struct State {
        var nextWatch: WatchDescriptor = 1
        var watchByPath: [[UInt8]: WatchDescriptor] = [:]
        var pending: [FileEvent] = []
        var woken = false
        var failures: [[UInt8]: WatchError] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// Makes ``addWatch(path:mask:)`` fail with `error` for `path` (absolute path bytes).
    package func failWatch(path: [UInt8], with error: WatchError) {
        state.withLock { $0.failures[path] = error }
    }

    /// The folders currently watched (absolute path bytes), sorted.
    package var watchedPaths: [[UInt8]] {
        state.withLock { Array($0.watchByPath.keys) }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Queues an event about entry `name` of the watched folder `folder` (absolute path bytes).
    /// - Returns: false when `folder` is not watched (the event is then not queued).
    @discardableResult
    package func emit(in folder: [UInt8], mask: FileEventMask, name: [UInt8], cookie: UInt32 = 0) -> Bool {
        state.withLock { state in
            guard let wd = state.watchByPath[folder] else { return false }
            state.pending.append(FileEvent(watch: wd, mask: mask, cookie: cookie, name: name))
            return true
        }
    }

    /// Queues an `IN_Q_OVERFLOW` event (watch -1).
    package func emitOverflow() {
        state.withLock { $0.pending.append(.queueOverflow) }
    }

    package func addWatch(path: [UInt8], mask: FileEventMask) throws(WatchError) -> WatchDescriptor {
        let result: Result<WatchDescriptor, WatchError> = state.withLock { state in
            if let failure = state.failures[path] { return .failure(failure) }
            if let wd = state.watchByPath[path] { return .success(wd) }
            let wd = state.nextWatch
            state.nextWatch += 1
            state.watchByPath[path] = wd
            return .success(wd)
        }
        return try result.get()
    }

    package func removeWatch(_ watch: WatchDescriptor) {
        state.withLock { state in
            guard let path = state.watchByPath.first(where: { $0.value == watch })?.key else { return }
            state.watchByPath[path] = nil
            state.pending.append(FileEvent(watch: watch, mask: .ignored))
        }
    }

    package func nextEvents(timeout: Double?) -> [FileEvent] {
        // Polls every 5 ms: simple, and precise enough for tests.
        let limit = timeout ?? .infinity
        var waited = 0.0
        while true {
            let events: [FileEvent]? = state.withLock { state in
                if !state.pending.isEmpty || state.woken {
                    state.woken = false
                    defer { state.pending.removeAll() }
                    return state.pending
                }
                return nil
            }
            if let events { return events }
            if waited >= limit { return [] }
            let step = min(0.005, limit - waited)
            Thread.sleep(forTimeInterval: step)
            waited += step
        }
    }

    package func wake() {
        state.withLock { $0.woken = true }
    }

    package func close() {}
}
