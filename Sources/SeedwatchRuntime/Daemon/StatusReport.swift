import Foundation
import SeedwatchCore

/// What `seedwatch status` reports (DESIGN §11), read from the state database and the daemon's
/// lock, with or without the daemon running. JSON keys: `health`, `reasons`, `daemon` (`running`,
/// `since`, `pid`), `backlog` (`queued`, `deferred`, `updated`), `last_decision`, `alerts`
/// (`today`, `week`, each by level), `feeds` (`ok`, `failing`, `stopped`, `not_polled`, `worst`, `not_ok`), `outputs`.
package struct StatusReport: Sendable, Equatable, Codable {
    package enum Health: String, Sendable, Codable {
        case healthy, degraded, down

        /// The exit status monitoring reads: 0 healthy, 1 degraded, 2 down.
        package var exitStatus: Int32 {
            switch self {
            case .healthy: return 0
            case .degraded: return 1
            case .down: return 2
            }
        }
    }

    package struct Daemon: Sendable, Equatable, Codable {
        package var running: Bool
        /// RFC 3339 UTC, from the lock file.
        package var since: String?
        package var pid: Int32?

        package init(running: Bool, since: String?, pid: Int32?) {
            self.running = running
            self.since = since
            self.pid = pid
        }

        package func encode(to encoder: any Encoder) throws {  // absent values as null: the keys are an interface
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(running, forKey: .running)
            try c.encode(since, forKey: .since)
            try c.encode(pid, forKey: .pid)
        }
    }

    package struct Backlog: Sendable, Equatable, Codable {
        /// Ready files not yet taken, as the daemon last saved it (nil if no daemon ever ran).
        package var queued: Int?
        /// Files waiting for a retry after a state or alert-log error.
        package var deferred: Int?
        /// When the daemon saved these figures (RFC 3339 UTC).
        package var updated: String?

        package init(queued: Int? = nil, deferred: Int? = nil, updated: String? = nil) {
            self.queued = queued
            self.deferred = deferred
            self.updated = updated
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(queued, forKey: .queued)
            try c.encode(deferred, forKey: .deferred)
            try c.encode(updated, forKey: .updated)
        }
    }

    package struct Decision: Sendable, Equatable, Codable {
        package var time: String
        package var watch: String?
        /// `alert`, `notice`, or nil below `notice`.
        package var level: String?
        package var score: Double?
        package var alertID: String?
        package var title: String?
        /// The file's path or the feed item's link.
        package var source: String

        package init(time: String, watch: String?, level: String?, score: Double?, alertID: String?, title: String?, source: String) {
            self.time = time
            self.watch = watch
            self.level = level
            self.score = score
            self.alertID = alertID
            self.title = title
            self.source = source
        }

        enum CodingKeys: String, CodingKey {
            case time, watch, level, score, title, source
            case alertID = "alert_id"
        }
    }

    package struct LevelCounts: Sendable, Equatable, Codable {
        package var alert: Int
        package var notice: Int

        package init(alert: Int, notice: Int) {
            self.alert = alert
            self.notice = notice
        }
    }

    package struct Alerts: Sendable, Equatable, Codable {
        /// Since 00:00 UTC today.
        package var today: LevelCounts
        /// Over the last 7 × 24 hours.
        package var week: LevelCounts

        package init(today: LevelCounts, week: LevelCounts) {
            self.today = today
            self.week = week
        }
    }

    package struct Feed: Sendable, Equatable, Codable {
        package var url: String
        package var failures: Int
        package var stopped: Bool
        package var lastError: String?
        package var lastSuccess: String?

        package init(url: String, failures: Int, stopped: Bool, lastError: String?, lastSuccess: String?) {
            self.url = url
            self.failures = failures
            self.stopped = stopped
            self.lastError = lastError
            self.lastSuccess = lastSuccess
        }

        enum CodingKeys: String, CodingKey {
            case url, failures, stopped
            case lastError = "last_error"
            case lastSuccess = "last_success"
        }
    }

    package struct Feeds: Sendable, Equatable, Codable {
        /// Configured feeds whose last poll succeeded (200 that parsed, or 304).
        package var ok: Int
        package var failing: Int
        package var stopped: Int
        /// Configured feeds never polled yet (no state, or a state without a fetch): before the
        /// daemon's first poll of them (JSON `not_polled`).
        package var notPolled: Int
        /// The stopped feed, else the one with the most failures in a row.
        package var worst: Feed?
        /// Every failing or stopped feed, in configuration order, with its last error (JSON `not_ok`).
        package var notOK: [Feed]

        package init(ok: Int, failing: Int, stopped: Int, notPolled: Int = 0, worst: Feed?, notOK: [Feed] = []) {
            self.ok = ok
            self.failing = failing
            self.stopped = stopped
            self.notPolled = notPolled
            self.worst = worst
            self.notOK = notOK
        }

        enum CodingKeys: String, CodingKey {
            case ok, failing, stopped, worst
            case notPolled = "not_polled"
            case notOK = "not_ok"
        }

        /// The `feeds:` line of ``StatusReport/text()`` (after the label): `none configured`;
        /// `3 configured, none polled yet`; or the counts, with `, N not polled yet` when some are.
        var summary: String {
            let configured = ok + failing + stopped + notPolled
            if configured == 0 { return "none configured" }
            if notPolled == configured { return "\(configured) configured, none polled yet" }
            var line = "\(ok) ok, \(failing) failing, \(stopped) stopped"
            if notPolled > 0 { line += ", \(notPolled) not polled yet" }
            if let w = worst {
                line += "; worst \(w.url) (\(w.stopped ? "stopped" : "\(w.failures) failures in a row")): \(w.lastError ?? "-")"
            }
            return line
        }
    }

    package var health: Health
    /// Why the health is not `healthy`, one sentence each.
    package var reasons: [String]
    package var daemon: Daemon
    package var backlog: Backlog
    package var lastDecision: Decision?
    package var alerts: Alerts
    package var feeds: Feeds
    /// One configured output (DESIGN §11 `outputs:`) and its deliveries, counted in alerts (a
    /// digest's alerts each count once); `seedwatch outputs` gives the last error and retries.
    package struct Output: Codable, Sendable, Equatable {
        package var name: String
        package var delivered: Int
        package var pending: Int
        /// Given up after `give_up_after`, or refused for good by the receiver.
        package var deadLetters: Int

        package init(name: String, delivered: Int = 0, pending: Int = 0, deadLetters: Int = 0) {
            self.name = name
            self.delivered = delivered
            self.pending = pending
            self.deadLetters = deadLetters
        }

        enum CodingKeys: String, CodingKey {
            case name, delivered, pending
            case deadLetters = "dead_letters"
        }
    }

    /// The configured outputs, in configuration order, with their delivery counts (zero without a
    /// state database).
    package var outputs: [Output]

    enum CodingKeys: String, CodingKey {
        case health, reasons, daemon, backlog, alerts, feeds, outputs
        case lastDecision = "last_decision"
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(health, forKey: .health)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(daemon, forKey: .daemon)
        try c.encode(backlog, forKey: .backlog)
        try c.encode(lastDecision, forKey: .lastDecision)
        try c.encode(alerts, forKey: .alerts)
        try c.encode(feeds, forKey: .feeds)
        try c.encode(outputs, forKey: .outputs)
    }

    /// One compact JSON object, keys sorted.
    package func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
