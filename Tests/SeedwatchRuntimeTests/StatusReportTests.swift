import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `seedwatch status` from the state database and the lock (issue 13, DESIGN §11).
@Suite("Status report")
struct StatusReportTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T14:13:20Z

    static func configuration(in folder: WatchedTemporaryFolder, feeds: [String] = []) throws -> SeedwatchConfiguration {
        let file = folder.url("c.yaml")
        var text = "watches: [w]\ndrop_folder: {path: drop}\nalerts: {log: alerts.jsonl}\nstate: {path: state.sqlite}\n"
        if !feeds.isEmpty { text += "feeds:\n" + feeds.map { "  - url: \($0)\n" }.joined() }
        try text.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.url("drop"), withIntermediateDirectories: true)
        return try ConfigurationReader.load(path: file.path)
    }

    /// Two outputs: `desk` (e-mail, with `digest: deskDigest` when given) and `hook` (webhook).
    static func configurationWithOutputs(in folder: WatchedTemporaryFolder, deskDigest: String? = nil) throws -> SeedwatchConfiguration {
        let file = folder.url("c.yaml")
        let digest = deskDigest.map { ", digest: \($0)" } ?? ""
        try """
            watches: [w]
            drop_folder: {path: drop}
            alerts: {log: alerts.jsonl}
            state: {path: state.sqlite}
            outputs:
              - {name: desk, type: email, smtp: "smtp://127.0.0.1:9", from: a@example.org, to: [b@example.org]\(digest)}
              - {name: hook, type: webhook, url: "http://127.0.0.1:9/hook"}

            """.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.url("drop"), withIntermediateDirectories: true)
        return try ConfigurationReader.load(path: file.path)
    }

    @Test func withoutADaemonTheStatusIsDown() throws {
        let folder = try WatchedTemporaryFolder()
        let configuration = try Self.configuration(in: folder)
        let report = try StatusReport.build(configuration: configuration, store: nil, now: Self.now)
        #expect(report.health == .down)
        #expect(report.health.exitStatus == 2)
        let lock = folder.url(".state.sqlite.lock").path
        #expect(report.json() == """
            {"alerts":{"today":{"alert":0,"notice":0},"week":{"alert":0,"notice":0}},"backlog":{"deferred":null,"queued":null,"updated":null},\
            "daemon":{"pid":null,"running":false,"since":null},"feeds":{"failing":0,"not_ok":[],"not_polled":0,"ok":0,"stopped":0},"health":"down",\
            "last_decision":null,"outputs":[],"reasons":["the daemon is not running (no process holds \(lock))"]}
            """)
    }

    /// Before the daemon's first poll the feeds are "not polled yet", not "0 ok"; the health and the
    /// exit status are those of the other parts (DESIGN §11: a feed not polled yet is not failing).
    @Test func feedsNotPolledYetAreSaidToBe() throws {
        let folder = try WatchedTemporaryFolder()
        let urls = ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml", "http://127.0.0.1:9/c.xml"]
        let configuration = try Self.configuration(in: folder, feeds: urls)
        // No state database yet: every configured feed is not polled.
        let none = try StatusReport.build(configuration: configuration, store: nil, now: Self.now)
        #expect(none.feeds == StatusReport.Feeds(ok: 0, failing: 0, stopped: 0, notPolled: 3, worst: nil))
        #expect(none.json().contains(#""feeds":{"failing":0,"not_ok":[],"not_polled":3,"ok":0,"stopped":0}"#))
        #expect(none.text().split(separator: "\n").contains("feeds:         3 configured, none polled yet"))
        #expect(none.health == .down && none.health.exitStatus == 2)

        // A running daemon that has polled one feed, holds a state without a fetch for another and none for the third.
        let store = try StateStore(path: configuration.statePath)
        let lock = try StateLock.acquire(statePath: configuration.statePath, now: Self.now.addingTimeInterval(-30))
        defer { withExtendedLifetime(lock) {} }
        let before = try StatusReport.build(configuration: configuration, store: store, now: Self.now)
        #expect(before.health == .healthy && before.health.exitStatus == 0)
        #expect(before.reasons == [])
        #expect(before.text().split(separator: "\n").contains("feeds:         3 configured, none polled yet"))
        try store.saveFeedState(FeedHTTPState(url: urls[0], nextPoll: Self.now.addingTimeInterval(870), lastStatus: 200,
                                              lastFetch: Self.now.addingTimeInterval(-30), lastSuccess: Self.now.addingTimeInterval(-30)))
        try store.saveFeedState(FeedHTTPState(url: urls[1], nextPoll: Self.now.addingTimeInterval(5)))
        let some = try StatusReport.build(configuration: configuration, store: store, now: Self.now)
        #expect(some.health == .healthy)
        #expect(some.feeds == StatusReport.Feeds(ok: 1, failing: 0, stopped: 0, notPolled: 2, worst: nil))
        #expect(some.json().contains(#""feeds":{"failing":0,"not_ok":[],"not_polled":2,"ok":1,"stopped":0}"#))
        #expect(some.text().split(separator: "\n").contains("feeds:         1 ok, 0 failing, 0 stopped, 2 not polled yet"))

        // Without feeds the line says so.
        let empty = try StatusReport.build(configuration: try Self.configuration(in: folder), store: store, now: Self.now)
        #expect(empty.text().split(separator: "\n").contains("feeds:         none configured"))
    }

    @Test func theConfiguredOutputsAreNamed() throws {
        let folder = try WatchedTemporaryFolder()
        let report = try StatusReport.build(configuration: try Self.configurationWithOutputs(in: folder, deskDigest: "hourly"),
                                            store: nil, now: Self.now)
        #expect(report.outputs == [StatusReport.Output(name: "desk"), StatusReport.Output(name: "hook")])
        #expect(report.json().contains(#""outputs":[{"dead_letters":0,"delivered":0,"name":"desk","pending":0},"#
            + #"{"dead_letters":0,"delivered":0,"name":"hook","pending":0}]"#))
        #expect(report.text().split(separator: "\n").contains(
            "outputs:       desk 0 delivered, 0 pending, 0 dead letters; hook 0 delivered, 0 pending, 0 dead letters"))
    }

    @Test func aRunningDaemonWithAFailingAndAStoppedFeedAndADeferredFileIsDegraded() throws {
        let folder = try WatchedTemporaryFolder()
        let failing = "http://127.0.0.1:9/failing.xml", stopped = "http://127.0.0.1:9/gone.xml"
        let fine = "http://127.0.0.1:9/fine.xml", recent = "http://127.0.0.1:9/recent.xml"
        let configuration = try Self.configuration(in: folder, feeds: [failing, stopped, fine, recent])
        let store = try StateStore(path: configuration.statePath)
        let lock = try StateLock.acquire(statePath: configuration.statePath, now: Self.now.addingTimeInterval(-86_400))
        defer { withExtendedLifetime(lock) {} }
        try store.saveFeedState(FeedHTTPState(url: failing, consecutiveFailures: 4, lastError: "HTTP 503",
                                              lastSuccess: Self.now.addingTimeInterval(-7200)))
        try store.saveFeedState(FeedHTTPState(url: stopped, lastError: "HTTP 410 Gone", disabled: true))
        try store.saveFeedState(FeedHTTPState(url: fine, lastSuccess: Self.now.addingTimeInterval(-60)))
        try store.saveFeedState(FeedHTTPState(url: recent, consecutiveFailures: 1, lastError: "timed out",
                                              lastSuccess: Self.now.addingTimeInterval(-600)))
        try store.saveBacklog(queued: 3, deferred: 1, at: Self.now.addingTimeInterval(-1))
        // Alerts: one today (an alert), one three days ago (a notice), one ten days ago (outside the week).
        for (id, level, age) in [("a1", "alert", 600.0), ("a2", "notice", 3 * 86_400.0), ("a3", "alert", 10 * 86_400.0)] {
            _ = try store.commitDecision(articleKey: "file:\(id)", watch: "w", contentHash: "h", alertID: id,
                                         alertLine: Array("{\"id\":\"\(id)\",\"level\":\"\(level)\"}\n".utf8),
                                         at: Self.now.addingTimeInterval(-age))
            try store.markWritten(alertID: id)
        }
        try store.recordEvents([ArticleEvent(subject: Array("/drop/a.txt".utf8), at: Self.now.addingTimeInterval(-600), kind: .decided,
                                             watch: "w", level: "alert", score: 41.5, alertID: "a1", articleKey: "file:a1",
                                             detail: "Putin arrives in Pyongyang")])

        let report = try StatusReport.build(configuration: configuration, store: store, now: Self.now)
        #expect(report.health == .degraded)
        #expect(report.health.exitStatus == 1)
        #expect(report.daemon == StatusReport.Daemon(running: true, since: "2026-09-20T14:13:20Z", pid: getpid()))
        #expect(report.backlog == StatusReport.Backlog(queued: 3, deferred: 1, updated: "2026-09-21T14:13:19Z"))
        #expect(report.alerts == StatusReport.Alerts(today: .init(alert: 1, notice: 0), week: .init(alert: 1, notice: 1)))
        #expect(report.feeds.ok == 1 && report.feeds.failing == 2 && report.feeds.stopped == 1)
        #expect(report.feeds.worst == StatusReport.Feed(url: stopped, failures: 0, stopped: true, lastError: "HTTP 410 Gone", lastSuccess: nil))
        #expect(report.lastDecision == StatusReport.Decision(time: "2026-09-21T14:03:20Z", watch: "w", level: "alert", score: 41.5,
                                                             alertID: "a1", title: "Putin arrives in Pyongyang", source: "/drop/a.txt"))
        #expect(report.reasons == [
            "feed \(failing) failed its last 4 polls (failing for over an hour): HTTP 503",
            "feed \(stopped) is stopped (HTTP 410); seedwatch feeds reset URL resumes it",
            "1 file deferred by a state or alert-log error",
        ])
        #expect(report.text() == """
            health:        degraded
            daemon:        running since 2026-09-20T14:13:20Z (pid \(getpid()))
            backlog:       3 queued, 1 deferred (as of 2026-09-21T14:13:19Z)
            last decision: 2026-09-21T14:03:20Z w: alert, score 41.50, alert a1: Putin arrives in Pyongyang [/drop/a.txt]
            alerts:        today 1 alert, 0 notice; 7 days 1 alert, 1 notice
            feeds:         1 ok, 2 failing, 1 stopped; worst \(stopped) (stopped): HTTP 410 Gone
            outputs:       none configured
              - feed \(failing) failed its last 4 polls (failing for over an hour): HTTP 503
              - feed \(stopped) is stopped (HTTP 410); seedwatch feeds reset URL resumes it
              - 1 file deferred by a state or alert-log error
            """)
    }

    /// Seven of ten feeds failing for minutes (a proxy or DNS fault) is degraded at once, each failing
    /// feed named with its last error; one feed alone is degraded after three failed polls in a row.
    @Test func mostFeedsFailingOrOneFailingThreePollsIsDegraded() throws {
        let folder = try WatchedTemporaryFolder()
        let urls = (0..<10).map { "http://127.0.0.1:9/f\($0).xml" }
        let configuration = try Self.configuration(in: folder, feeds: urls)
        let store = try StateStore(path: configuration.statePath)
        let lock = try StateLock.acquire(statePath: configuration.statePath, now: Self.now.addingTimeInterval(-86_400))
        defer { withExtendedLifetime(lock) {} }
        for (i, url) in urls.enumerated() {
            try store.saveFeedState(FeedHTTPState(url: url, consecutiveFailures: i < 7 ? 1 : 0,
                                                  lastError: i < 7 ? "Could not resolve host: 127.0.0.1" : nil,
                                                  lastSuccess: Self.now.addingTimeInterval(-900)))
        }
        let report = try StatusReport.build(configuration: configuration, store: store, now: Self.now)
        #expect(report.health == .degraded)
        #expect(report.health.exitStatus == 1)
        #expect(report.feeds.ok == 3 && report.feeds.failing == 7 && report.feeds.stopped == 0)
        #expect(report.reasons == ["7 of 10 feeds are failing"] + (0..<7).map {
            "feed http://127.0.0.1:9/f\($0).xml failed its last poll: Could not resolve host: 127.0.0.1"
        })
        #expect(report.feeds.notOK.map(\.url) == Array(urls.prefix(7)))
        #expect(report.json().contains(#""not_ok":[{"failures":1,"last_error":"Could not resolve host: 127.0.0.1","#
            + #""last_success":"2026-09-21T13:58:20Z","stopped":false,"url":"http://127.0.0.1:9/f0.xml"},"#))

        // Five of ten is not more than half: healthy while each has failed once or twice ...
        for (i, url) in urls.enumerated() {
            try store.saveFeedState(FeedHTTPState(url: url, consecutiveFailures: i < 5 ? 2 : 0, lastError: i < 5 ? "HTTP 502" : nil,
                                                  lastSuccess: Self.now.addingTimeInterval(-1800)))
        }
        let two = try StatusReport.build(configuration: configuration, store: store, now: Self.now)
        #expect(two.health == .healthy)
        #expect(two.reasons == [])
        #expect(two.feeds.failing == 5)
        // ... and degraded by the one whose third poll in a row failed, 30 minutes after its last success.
        try store.saveFeedState(FeedHTTPState(url: urls[0], consecutiveFailures: 3, lastError: "HTTP 502",
                                              lastSuccess: Self.now.addingTimeInterval(-1800)))
        let three = try StatusReport.build(configuration: configuration, store: store, now: Self.now)
        #expect(three.health == .degraded)
        #expect(three.reasons == ["feed http://127.0.0.1:9/f0.xml failed its last 3 polls: HTTP 502"])
    }

    /// DESIGN §11: an output with dead letters makes the daemon degraded, and says how to resend them.
    @Test func anOutputWithDeadLettersIsDegraded() throws {
        let folder = try WatchedTemporaryFolder()
        let configuration = try Self.configurationWithOutputs(in: folder)
        let store = try StateStore(path: configuration.statePath)
        store.setOutputRoutes([OutputRoute(name: "desk", minimumLevel: .alert), OutputRoute(name: "hook", minimumLevel: .alert)])
        let lock = try StateLock.acquire(statePath: configuration.statePath, now: Self.now.addingTimeInterval(-86_400))
        defer { withExtendedLifetime(lock) {} }
        for id in ["a1", "a2"] {
            _ = try store.commitDecision(articleKey: "file:\(id)", watch: "w", contentHash: "h", alertID: id,
                                         alertLine: Array("{\"id\":\"\(id)\",\"level\":\"alert\"}\n".utf8), at: Self.now.addingTimeInterval(-600))
            try store.markWritten(alertID: id)
            try store.markDelivered(alertID: id, output: "hook", at: Self.now)
        }
        #expect(try StatusReport.build(configuration: configuration, store: store, now: Self.now).health == .healthy)
        try store.recordFailedDelivery(alertID: "a1", output: "desk", error: "SMTP 550 (permanent): no such user", nextAttempt: nil, at: Self.now)
        let report = try StatusReport.build(configuration: configuration, store: store, now: Self.now)
        #expect(report.health == .degraded)
        #expect(report.reasons == ["output desk has 1 dead letter (last error: SMTP 550 (permanent): no such user); "
            + "seedwatch outputs retry desk sends it again"])
        // Each output with its counts: desk's first alert is a dead letter, its second still pending.
        #expect(report.outputs == [StatusReport.Output(name: "desk", delivered: 0, pending: 1, deadLetters: 1),
                                   StatusReport.Output(name: "hook", delivered: 2, pending: 0, deadLetters: 0)])
        #expect(report.text().split(separator: "\n").contains(
            "outputs:       desk 0 delivered, 1 pending, 1 dead letter; hook 2 delivered, 0 pending, 0 dead letters"))
    }

    /// An output whose receiver keeps failing is degraded after 15 minutes, not only once its
    /// alerts become dead letters after `give_up_after` (a day by default).
    @Test func anOutputFailingForFifteenMinutesIsDegraded() throws {
        let folder = try WatchedTemporaryFolder()
        let configuration = try Self.configurationWithOutputs(in: folder)
        let store = try StateStore(path: configuration.statePath)
        store.setOutputRoutes([OutputRoute(name: "desk", minimumLevel: .alert), OutputRoute(name: "hook", minimumLevel: .alert)])
        let lock = try StateLock.acquire(statePath: configuration.statePath, now: Self.now.addingTimeInterval(-86_400))
        defer { withExtendedLifetime(lock) {} }
        for (id, age) in [("a1", 1200.0), ("a2", 300.0)] {
            _ = try store.commitDecision(articleKey: "file:\(id)", watch: "w", contentHash: "h", alertID: id,
                                         alertLine: Array("{\"id\":\"\(id)\",\"level\":\"alert\"}\n".utf8), at: Self.now.addingTimeInterval(-age))
            try store.markWritten(alertID: id)
            try store.markDelivered(alertID: id, output: "desk", at: Self.now)
            try store.recordFailedDelivery(alertID: id, output: "hook", error: "Failed to connect to 127.0.0.1 port 9",
                                           nextAttempt: Self.now.addingTimeInterval(60), at: Self.now.addingTimeInterval(-60))
        }
        let report = try StatusReport.build(configuration: configuration, store: store, now: Self.now)
        #expect(report.health == .degraded)
        #expect(report.reasons == ["output hook has 1 alert waiting for over 15 minutes after failed attempts "
            + "(last error: Failed to connect to 127.0.0.1 port 9)"])
        #expect(report.outputs == [StatusReport.Output(name: "desk", delivered: 2, pending: 0, deadLetters: 0),
                                   StatusReport.Output(name: "hook", delivered: 0, pending: 2, deadLetters: 0)])
    }

    /// The drop folder gone while the daemon runs (unmounted, renamed) is degraded: nothing dropped is read.
    @Test func aMissingDropFolderIsDegraded() throws {
        let folder = try WatchedTemporaryFolder()
        let configuration = try Self.configuration(in: folder)
        let store = try StateStore(path: configuration.statePath)
        let lock = try StateLock.acquire(statePath: configuration.statePath, now: Self.now.addingTimeInterval(-3600))
        defer { withExtendedLifetime(lock) {} }
        #expect(try StatusReport.build(configuration: configuration, store: store, now: Self.now).health == .healthy)
        try FileManager.default.moveItem(at: folder.url("drop"), to: folder.url("drop.away"))
        let report = try StatusReport.build(configuration: configuration, store: store, now: Self.now)
        #expect(report.health == .degraded)
        #expect(report.reasons == ["drop folder \(folder.url("drop").path) is missing or not a folder; files dropped there are not read until it is back"])
    }
}
