import Foundation
import SeedwatchCore

extension StatusReport {
    /// A feed failing this long (seconds since its last success, or since the daemon started when it
    /// never succeeded) makes the daemon degraded.
    package static let failingFeedLimit: Double = 3600

    /// A feed whose last this many polls failed makes the daemon degraded, however recent its
    /// last success (at the default 15 min interval, with back-off, about 45 min of failures).
    package static let failingFeedPolls = 3

    /// More than this share of the configured feeds failing at once (at least two of them) makes
    /// the daemon degraded: a network, proxy or DNS fault is not waited out for an hour.
    package static let failingFeedShare = 0.5

    /// An output whose alerts have waited this long (seconds since their decision) after failed
    /// attempts makes the daemon degraded, long before `give_up_after` turns them into dead letters.
    package static let stuckDeliveryLimit: Double = 900

    /// `feed URL failed its last 4 polls (failing for over an hour): HTTP 503`: the feed, its
    /// failures in a row (the `seedwatch_feed_consecutive_failures` gauge) and its last error.
    static func failingReason(_ feed: Feed, overAnHour: Bool) -> String {
        let polls = feed.failures == 1 ? "its last poll" : "its last \(feed.failures) polls"
        return "feed \(feed.url) failed \(polls)\(overAnHour ? " (failing for over an hour)" : ""): \(feed.lastError ?? "no error recorded")"
    }

    /// Reads the report for `configuration` at `now`.
    /// - Parameter store: the state database, or nil when it does not exist yet.
    /// - Throws: ``StateStoreError`` when the database cannot be read.
    package static func build(configuration: SeedwatchConfiguration, store: StateStore?, now: Date = Date()) throws -> StatusReport {
        let holder = StateLock.probe(statePath: configuration.statePath)
        let daemon = Daemon(running: holder != nil, since: holder?.since.map(AlertTimestamp.format), pid: holder?.pid)
        var reasons: [String] = []

        var backlog = Backlog()
        var lastDecision: Decision?
        var alerts = Alerts(today: LevelCounts(alert: 0, notice: 0), week: LevelCounts(alert: 0, notice: 0))
        // Without a state database no feed was polled yet.
        var feeds = Feeds(ok: 0, failing: 0, stopped: 0, notPolled: configuration.feeds.count, worst: nil)
        var outputs = configuration.outputs.map { Output(name: $0.name) }
        if let store {
            if let saved = try store.backlog() {
                backlog = Backlog(queued: saved.queued, deferred: saved.deferred, updated: AlertTimestamp.format(saved.updatedAt))
            }
            if let event = try store.lastDecision() {
                lastDecision = Decision(time: AlertTimestamp.format(event.at), watch: event.watch, level: event.level,
                                        score: event.score, alertID: event.alertID, title: event.detail,
                                        source: PathText.encode(event.subject))
            }
            let midnight = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
            let today = try store.alertCounts(since: midnight)
            let week = try store.alertCounts(since: now.addingTimeInterval(-7 * 86_400))
            alerts = Alerts(today: LevelCounts(alert: today["alert"] ?? 0, notice: today["notice"] ?? 0),
                            week: LevelCounts(alert: week["alert"] ?? 0, notice: week["notice"] ?? 0))
            var worst: Feed?
            var failing: [Feed] = []
            var failingSince: [String: Date] = [:]
            feeds.notPolled = 0
            for configured in configuration.feeds {
                guard let state = try store.feedState(url: configured.url), !Self.neverPolled(state) else {
                    feeds.notPolled += 1
                    continue
                }
                let feed = Feed(url: configured.url, failures: state.consecutiveFailures, stopped: state.disabled,
                                lastError: state.lastError, lastSuccess: state.lastSuccess.map(AlertTimestamp.format))
                if state.disabled {
                    feeds.stopped += 1
                } else if state.consecutiveFailures > 0 {
                    feeds.failing += 1
                    failing.append(feed)
                    // Failing since its last success, or (never succeeded) since the daemon started.
                    failingSince[feed.url] = state.lastSuccess ?? holder?.since
                } else {
                    feeds.ok += 1
                }
                if feed.stopped || feed.failures > 0 {
                    feeds.notOK.append(feed)
                    if worst == nil || isWorse(feed, than: worst!) { worst = feed }
                }
            }
            feeds.worst = worst
            // Degraded by feeds: one stopped by 410; one that failed its last `failingFeedPolls`
            // polls or has been failing for over an hour; or more than half of the feeds failing at
            // once (each failing feed then named, however recent its failure).
            let manyFailing = failing.count >= 2 && Double(failing.count) > Double(configuration.feeds.count) * failingFeedShare
            if manyFailing {
                reasons.append("\(failing.count) of \(configuration.feeds.count) feeds are failing")
            }
            for feed in feeds.notOK {
                if feed.stopped {
                    reasons.append("feed \(feed.url) is stopped (HTTP 410); seedwatch feeds reset URL resumes it")
                    continue
                }
                let overAnHour = failingSince[feed.url].map { now.timeIntervalSince($0) > failingFeedLimit } ?? false
                if manyFailing || overAnHour || feed.failures >= failingFeedPolls {
                    reasons.append(failingReason(feed, overAnHour: overAnHour))
                }
            }
            if let deferred = backlog.deferred, deferred > 0, daemon.running {
                reasons.append("\(deferred) file\(deferred == 1 ? "" : "s") deferred by a state or alert-log error")
            }
            let pending = try store.counts().pendingAlerts
            if pending > 0 {
                reasons.append("\(pending) alert\(pending == 1 ? "" : "s") not yet written to the alert log")
            }
            // DESIGN §11: a sink with dead letters (given up, or refused for good) is degraded.
            let deliveries = try store.outputDeliveryCounts(stuckBefore: now.addingTimeInterval(-stuckDeliveryLimit))
            outputs = configuration.outputs.map { output in
                let counts = deliveries[output.name] ?? OutputDeliveryCounts()
                if counts.stuck > 0 {
                    let error = counts.lastError.map { " (last error: \($0))" } ?? ""
                    reasons.append("output \(output.name) has \(counts.stuck) alert\(counts.stuck == 1 ? "" : "s") waiting for over "
                        + "\(Int(stuckDeliveryLimit / 60)) minutes after failed attempts\(error)")
                }
                if counts.failed > 0 {
                    let error = counts.lastError.map { " (last error: \($0))" } ?? ""
                    reasons.append("output \(output.name) has \(counts.failed) dead letter\(counts.failed == 1 ? "" : "s")\(error); "
                        + "seedwatch outputs retry \(output.name) sends \(counts.failed == 1 ? "it" : "them") again")
                }
                return Output(name: output.name, delivered: counts.delivered, pending: counts.pending, deadLetters: counts.failed)
            }
        }
        // The drop folder is half of the input: gone (unmounted, renamed), nothing dropped is read.
        if daemon.running, FolderCheck.kind(of: configuration.dropFolder.path) != .folder {
            reasons.append("drop folder \(configuration.dropFolder.path) is missing or not a folder; files dropped there are not read until it is back")
        }
        let health: Health
        if !daemon.running {
            health = .down
            reasons.insert("the daemon is not running (no process holds \(StateLock.lockPath(statePath: configuration.statePath)))", at: 0)
        } else {
            health = reasons.isEmpty ? .healthy : .degraded
        }
        return StatusReport(health: health, reasons: reasons, daemon: daemon, backlog: backlog, lastDecision: lastDecision,
                            alerts: alerts, feeds: feeds, outputs: outputs)
    }

    /// Whether a stored feed state shows no poll yet: no fetch, success or failure recorded, not stopped.
    static func neverPolled(_ state: FeedHTTPState) -> Bool {
        state.lastFetch == nil && state.lastSuccess == nil && state.consecutiveFailures == 0 && !state.disabled
    }

    /// Stopped beats failing; then more failures in a row; then the URL, for a stable choice.
    static func isWorse(_ a: Feed, than b: Feed) -> Bool {
        if a.stopped != b.stopped { return a.stopped }
        if a.failures != b.failures { return a.failures > b.failures }
        return a.url < b.url
    }

    /// The readable view, one line per part, then the reasons.
    package func text() -> String {
        var lines: [String] = []
        lines.append("health:        \(health.rawValue)")
        if daemon.running {
            let pid = daemon.pid.map(String.init) ?? "?"
            lines.append(daemon.since.map { "daemon:        running since \($0) (pid \(pid))" } ?? "daemon:        running (pid \(pid))")
        } else {
            lines.append("daemon:        not running")
        }
        if let queued = backlog.queued, let deferred = backlog.deferred {
            lines.append("backlog:       \(queued) queued, \(deferred) deferred (as of \(backlog.updated ?? "?"))")
        } else {
            lines.append("backlog:       unknown (no daemon has run on this state)")
        }
        if let d = lastDecision {
            let level = d.level ?? "below notice"
            let score = d.score.map { String(format: "%.2f", $0) } ?? "-"
            let alert = d.alertID.map { ", alert \($0)" } ?? ""
            lines.append("last decision: \(d.time) \(d.watch ?? "-"): \(level), score \(score)\(alert): \(d.title ?? "") [\(d.source)]")
        } else {
            lines.append("last decision: none")
        }
        lines.append("alerts:        today \(alerts.today.alert) alert, \(alerts.today.notice) notice; "
            + "7 days \(alerts.week.alert) alert, \(alerts.week.notice) notice")
        lines.append("feeds:         " + feeds.summary)
        lines.append("outputs:       " + (outputs.isEmpty ? "none configured" : outputs.map { o in
            "\(o.name) \(o.delivered) delivered, \(o.pending) pending, \(o.deadLetters) dead letter\(o.deadLetters == 1 ? "" : "s")"
        }.joined(separator: "; ")))
        for reason in reasons { lines.append("  - \(reason)") }
        return lines.joined(separator: "\n")
    }
}
