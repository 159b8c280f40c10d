/// Decides when a file in the drop folder is ready to read: quiet for the settle period, and
/// unchanged (inode, size, modification time) across it (DESIGN §8 `drop_folder.settle`: files still being written are not read).
///
/// A pure state machine: the caller passes the time of every call (seconds on a monotonic clock,
/// any origin) and the `stat(2)` results, and does the I/O itself. The cycle for one path:
/// 1. ``noteEvent(path:at:snapshot:completesWrite:)`` on every event; it restarts the quiet period.
///    Only a *completing* event (`IN_CLOSE_WRITE`, `IN_MOVED_TO`, a scan) makes the path a
///    candidate; activity (`IN_MODIFY`, `IN_CREATE`) alone only restarts the wait, so a writer
///    that keeps the file open is not read before it closes it.
/// 2. ``due(at:)`` lists the candidates quiet for `settle` seconds.
/// 3. The caller stats each and calls ``confirm(path:current:at:)``: when the snapshot differs from
///    the one taken at the last event (or the previous check), the path waits another period.
public struct SettleTracker: Sendable {
    /// The verdict of ``confirm(path:current:at:)``.
    public enum Verdict: Sendable, Hashable {
        /// Unchanged across the quiet period and not empty: read it.
        case ready(FileSnapshot)
        /// Unchanged but 0 bytes long: not read; a later event makes it a candidate again.
        case empty(FileSnapshot)
        /// Changed since the last look: it waits another settle period.
        case changed
        /// It no longer exists (or cannot be stat'ed): forgotten.
        case vanished
        /// The path was not waiting for a check (already confirmed or forgotten).
        case unknown
    }

    private struct Entry: Sendable {
        var lastEvent: Double
        var snapshot: FileSnapshot?
        var candidate: Bool
    }

    /// The quiet period, in seconds.
    public let settle: Double
    private var entries: [[UInt8]: Entry] = [:]
    /// No candidate becomes due before this time (a lower bound; may be stale-early).
    private var earliestDeadline: Double = .infinity

    /// - Parameter settle: the quiet period in seconds (`drop_folder.settle`, default 1 s); at least 0.
    public init(settle: Double = 1.0) {
        self.settle = max(0, settle)
    }

    /// The number of paths being tracked (candidates and paths with activity only).
    public var count: Int { entries.count }

    /// Whether `path` is being tracked.
    public func isTracking(_ path: [UInt8]) -> Bool { entries[path] != nil }

    /// Records an event on `path` at `time`, restarting its quiet period.
    /// - Parameters:
    ///   - path: the path's bytes (the caller's choice of absolute or relative, used consistently).
    ///   - time: seconds on the caller's monotonic clock.
    ///   - snapshot: `stat(2)` of the path taken now, when known; the check at the end of the
    ///     quiet period compares against it (a nil snapshot always counts as changed).
    ///   - completesWrite: true for `IN_CLOSE_WRITE`, `IN_MOVED_TO` and scans; false for activity
    ///     (`IN_MODIFY`, `IN_CREATE`), which restarts the wait of a candidate but makes none.
    public mutating func noteEvent(
        path: [UInt8], at time: Double, snapshot: FileSnapshot? = nil, completesWrite: Bool = true
    ) {
        var entry = entries[path] ?? Entry(lastEvent: time, snapshot: nil, candidate: false)
        entry.lastEvent = time
        if let snapshot { entry.snapshot = snapshot }
        if completesWrite { entry.candidate = true }
        entries[path] = entry
        if entry.candidate { earliestDeadline = min(earliestDeadline, time + settle) }
    }

    /// Forgets `path` (moved out of the drop folder, or ignored).
    public mutating func forget(path: [UInt8]) {
        entries[path] = nil
    }

    /// Forgets every path that starts with `prefix` followed by `/` (a folder moved away).
    public mutating func forget(under prefix: [UInt8]) {
        let keys = entries.keys.filter { $0.count > prefix.count && $0.starts(with: prefix) && $0[prefix.count] == UInt8(ascii: "/") }
        for key in keys { entries[key] = nil }
    }

    /// Forgets paths that saw only activity (no completing event) and nothing since `time`:
    /// files created and then deleted, or abandoned by their writer. Called at safety rescans,
    /// which find any such file that still exists.
    public mutating func forgetActivityOnly(before time: Double) {
        let keys = entries.filter { !$0.value.candidate && $0.value.lastEvent < time }.map(\.key)
        for key in keys { entries[key] = nil }
    }

    /// The earliest time at which ``due(at:)`` may return a path, or nil when no candidate waits.
    /// May be earlier than the real deadline (then ``due(at:)`` returns nothing); never later.
    public var nextDeadline: Double? {
        earliestDeadline.isFinite ? earliestDeadline : nil
    }

    /// - Returns: the candidates whose last event is at least `settle` seconds before `time`,
    ///   sorted by path bytes. They stay tracked until ``confirm(path:current:at:)``.
    public mutating func due(at time: Double) -> [[UInt8]] {
        guard time >= earliestDeadline else { return [] }
        var result: [[UInt8]] = []
        var next = Double.infinity
        for (path, entry) in entries where entry.candidate {
            let deadline = entry.lastEvent + settle
            if deadline <= time {
                result.append(path)
            } else {
                next = min(next, deadline)
            }
        }
        earliestDeadline = next
        return result.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Compares the path's current `stat(2)` with the one recorded at its last event or check.
    /// - Parameters:
    ///   - path: a path returned by ``due(at:)``.
    ///   - current: `stat(2)` now, or nil when the path is gone or unreadable.
    ///   - time: seconds on the caller's monotonic clock; a changed path waits until `time + settle`.
    /// - Returns: the verdict; every verdict but `.changed` stops tracking the path.
    public mutating func confirm(path: [UInt8], current: FileSnapshot?, at time: Double) -> Verdict {
        guard var entry = entries[path] else { return .unknown }
        guard let current else {
            entries[path] = nil
            return .vanished
        }
        if entry.snapshot != current {
            entry.snapshot = current
            entry.lastEvent = time
            entries[path] = entry
            earliestDeadline = min(earliestDeadline, time + settle)
            return .changed
        }
        entries[path] = nil
        return current.size == 0 ? .empty(current) : .ready(current)
    }
}
