import Foundation
import SeedwatchCore

/// What `seedwatch status` reports (DESIGN §11), read from the state database and the daemon's
/// lock, with or without the daemon running. JSON keys: `health`, `reasons`, `daemon` (`running`,
/// `since`, `pid`), `backlog` (`queued`, `deferred`, `updated`), `last_decision`, `alerts`
/// (`today`, `week`, each by level), `feeds` (`ok`, `failing`, `stopped`, `worst`), `outputs`.
public struct StatusReport: Sendable, Equatable, Codable {
    public enum Health: String, Sendable, Codable {
        case healthy, degraded, down

        /// The exit status monitoring reads: 0 healthy, 1 degraded, 2 down.
        public var exitStatus: Int32 {
            switch self {
            case .healthy: return 0
            case .degraded: return 1
            case .down: return 2
            }
        }
    }

    public struct Daemon: Sendable, Equatable, Codable {
        public var running: Bool
        /// RFC 3339 UTC, from the lock file.
        public var since: String?
        public var pid: Int32?

        public init(running: Bool, since: String?, pid: Int32?) {
            self.running = running
            self.since = since
            self.pid = pid
        }

        public func encode(to encoder: any Encoder) throws {  // absent values as null: the keys are an interface
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(running, forKey: .running)
            try c.encode(since, forKey: .since)
            try c.encode(pid, forKey: .pid)
        }
    }

    public struct Backlog: Sendable, Equatable, Codable {
        /// Ready files not yet taken, as the daemon last saved it (nil if no daemon ever ran).
        public var queued: Int?
        /// Files waiting for a retry after a state or alert-log error.
        public var deferred: Int?
        /// When the daemon saved these figures (RFC 3339 UTC).
        public var updated: String?

        public init(queued: Int? = nil, deferred: Int? = nil, updated: String? = nil) {
            self.queued = queued
            self.deferred = deferred
            self.updated = updated
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(queued, forKey: .queued)
            try c.encode(deferred, forKey: .deferred)
            try c.encode(updated, forKey: .updated)
        }
    }

    public struct Decision: Sendable, Equatable, Codable {
        public var time: String
        public var watch: String?
        /// `alert`, `notice`, or nil below `notice`.
        public var level: String?
        public var score: Double?
        public var alertID: String?
        public var title: String?
        /// The file's path or the feed item's link.
        public var source: String

        public init(time: String, watch: String?, level: String?, score: Double?, alertID: String?, title: String?, source: String) {
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

    public struct LevelCounts: Sendable, Equatable, Codable {
        public var alert: Int
        public var notice: Int

        public init(alert: Int, notice: Int) {
            self.alert = alert
            self.notice = notice
        }
    }

    public struct Alerts: Sendable, Equatable, Codable {
        /// Since 00:00 UTC today.
        public var today: LevelCounts
        /// Over the last 7 × 24 hours.
        public var week: LevelCounts

        public init(today: LevelCounts, week: LevelCounts) {
            self.today = today
            self.week = week
        }
    }

    public struct Feed: Sendable, Equatable, Codable {
        public var url: String
        public var failures: Int
        public var stopped: Bool
        public var lastError: String?
        public var lastSuccess: String?

        public init(url: String, failures: Int, stopped: Bool, lastError: String?, lastSuccess: String?) {
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

    public struct Feeds: Sendable, Equatable, Codable {
        public var ok: Int
        public var failing: Int
        public var stopped: Int
        /// The stopped feed, else the one with the most failures in a row.
        public var worst: Feed?

        public init(ok: Int, failing: Int, stopped: Int, worst: Feed?) {
            self.ok = ok
            self.failing = failing
            self.stopped = stopped
            self.worst = worst
        }
    }

    public var health: Health
    /// Why the health is not `healthy`, one sentence each.
    public var reasons: [String]
    public var daemon: Daemon
    public var backlog: Backlog
    public var lastDecision: Decision?
    public var alerts: Alerts
    public var feeds: Feeds
    /// Alert sinks (DESIGN §11 `outputs:`); none until delivery to sinks exists.
    public var outputs: [String]

    enum CodingKeys: String, CodingKey {
        case health, reasons, daemon, backlog, alerts, feeds, outputs
        case lastDecision = "last_decision"
    }

    public func encode(to encoder: any Encoder) throws {
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
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
