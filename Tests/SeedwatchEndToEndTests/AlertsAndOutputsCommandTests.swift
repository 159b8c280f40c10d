import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// `seedwatch alerts` (filters by alias and name, dates, usage, empty results, colour) and
/// `seedwatch outputs`.
@Suite("Command line: alerts view and outputs")
struct AlertsAndOutputsCommandTests {
    static func line(_ id: String, _ title: String, actor: (String, String), topic: (String, String), time: Date,
                     level: AlertLevel = .alert, watch: String = "china-russia-north-korea") -> [UInt8] {
        AlertEncoding.line(AlertRecord(
            id: id, time: time, watch: watch, level: level, score: 20,
            source: .file(path: Array("/drop/\(id).txt".utf8), url: "https://news.example/\(id)"), title: title, published: nil,
            actors: [ActorSummary(id: actor.0, name: actor.1, mentions: 1)],
            topics: [TopicSummary(id: topic.0, name: topic.1, score: 6, terms: [])], evidence: []))
    }

    func folderWithLog() throws -> (TemporaryFolder, URL) {
        let folder = try TemporaryFolder("seedwatch-alerts-view")
        let config = try writeCommandConfig(in: folder.url)
        let today = Calendar.utc.startOfDay(for: Date())
        try Data(Self.line("00000000000000c1", "Putin in Pyongyang", actor: ("vladimir_putin", "Vladimir Putin"),
                           topic: ("sanctions", "Sanctions and their evasion"), time: today.addingTimeInterval(-3600))
                 + Self.line("00000000000000c2", "Kim in Beijing", actor: ("kim_jong_un", "Kim Jong Un"),
                             topic: ("china_leverage", "China's leverage"), time: today.addingTimeInterval(60)))
            .write(to: folder.url.appendingPathComponent("alerts.jsonl"))
        return (folder, config)
    }

    func titles(_ config: URL, _ arguments: [String]) throws -> [String] {
        let output = try CommandLineTests.run(["alerts", "--json", "--config", config.path] + arguments)
        #expect(output.status == 0, "\(output.stderr)")
        return output.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["title"] as? String
        }
    }

    @Test func actorAndTopicByAliasNameOrIdInAnyCaseAndSinceADate() throws {
        let (folder, config) = try folderWithLog()
        _ = folder
        #expect(try titles(config, ["--actor", "putin"]) == ["Putin in Pyongyang"])
        #expect(try titles(config, ["--actor", "KIM JONG-UN"]) == ["Kim in Beijing"])
        #expect(try titles(config, ["--topic", "Sanctions"]) == ["Putin in Pyongyang"])
        #expect(try titles(config, ["--topic", "china’s ECONOMIC and political hold on Pyongyang and Moscow"]) == ["Kim in Beijing"])
        let today = AlertTimestamp.format(Calendar.utc.startOfDay(for: Date())).prefix(10)
        #expect(try titles(config, ["--since", String(today)]) == ["Kim in Beijing"])
    }

    /// `--watch` keeps one watch's alerts (a second watch made with `watch new --add-to-config`
    /// writes to the same log); a name that is no watch of the configuration still lists that
    /// watch's alerts (a removed watch's lines stay in the log) and, when there are none, says so.
    @Test func oneWatchsAlerts() throws {
        let (folder, config) = try folderWithLog()
        let log = folder.url.appendingPathComponent("alerts.jsonl")
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        handle.write(Data(Self.line("00000000000000c3", "Spain and Morocco talk migration", actor: ("spain", "Spain"),
                                    topic: ("migration", "Migration"), time: Date().addingTimeInterval(-60), watch: "ceuta-migrants")))
        try handle.close()
        #expect(try titles(config, ["--watch", "ceuta-migrants"]) == ["Spain and Morocco talk migration"])
        #expect(try titles(config, ["--watch", "china-russia-north-korea"]) == ["Putin in Pyongyang", "Kim in Beijing"])
        let none = try CommandLineTests.run(["alerts", "--config", config.path, "--watch", "us-canada-tariffs"])
        #expect(none.status == 0)
        #expect(none.stdout == "no alerts of watch us-canada-tariffs (no watch named us-canada-tariffs in the configuration: china-russia-north-korea)\n")
    }

    @Test func errorsPrintTheAlertsUsage() throws {
        let (folder, config) = try folderWithLog()
        _ = folder
        let output = try CommandLineTests.run(["alerts", "--config", config.path, "--since", "yesterday"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--since takes a duration (90m, 2h, 3d), a date (2026-12-06) or an RFC 3339 time, got 'yesterday'"))
        #expect(output.stderr.contains("Usage: seedwatch alerts "))
        let year = try CommandLineTests.run(["alerts", "--config", config.path, "--since", "2026"])
        #expect(year.status == 64)
        #expect(year.stderr.contains("got '2026': a number needs a unit (2026s, 2026m, 2026h, 2026d), and a year or a day is written as a date"))
    }

    @Test func anEmptyResultSaysSo() throws {
        let (folder, config) = try folderWithLog()
        _ = folder
        let output = try CommandLineTests.run(["alerts", "--config", config.path, "--actor", "xi", "--level", "alert"])
        #expect(output.status == 0)
        #expect(output.stdout == "no alerts naming xi, at level alert or above\n")
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() throws {
        let (folder, config) = try folderWithLog()
        _ = folder
        let plain = try CommandLineTests.run(["alerts", "--config", config.path])
        #expect(!plain.stdout.contains("\u{1B}["))
        #expect(plain.stdout.hasPrefix(AlertTextFormatter.timestamp(Calendar.utc.startOfDay(for: Date()).addingTimeInterval(-3600))
            + "  ALERT  20.00 (alert ≥ 17.50)  Putin in Pyongyang\n    actors:    Vladimir Putin (1)\n"
            + "    topics:    Sanctions and their evasion 6.00\n    source:    https://news.example/00000000000000c1\n\n"))
        let coloured = try CommandLineTests.run(["alerts", "--config", config.path, "--color", "always"])
        #expect(coloured.stdout.contains("\u{1B}[1;31mALERT\u{1B}[0m"))
    }

    @Test func outputsShowsCountsAndRetryRevivesDeadLetters() throws {
        let folder = try TemporaryFolder("seedwatch-outputs")
        let config = try writeCommandConfig(in: folder.url)
        try "outputs:\n  - {type: webhook, name: hook, url: \"http://127.0.0.1:9/in\"}\n".appendLine(to: config)
        let t0 = Date(timeIntervalSince1970: 1_796_000_000)
        do {
            let store = try StateStore(path: folder.url.appendingPathComponent("state.sqlite").path)
            store.setOutputRoutes([OutputRoute(name: "hook", minimumLevel: .alert)])
            for (n, id) in ["00000000000000d1", "00000000000000d2", "00000000000000d3"].enumerated() {
                let line = Self.line(id, "T\(n)", actor: ("kim_jong_un", "Kim Jong Un"), topic: ("sanctions", "S"), time: t0)
                _ = try store.commitDecision(articleKey: "file:\(n)", watch: "w", contentHash: "\(n)", alertID: id, alertLine: line, at: t0)
            }
            try store.markWritten(alertID: "00000000000000d1", at: t0)
            try store.markDelivered(alertID: "00000000000000d1", output: "hook", at: t0)
            try store.recordFailedDelivery(alertID: "00000000000000d2", output: "hook", error: "HTTP 410 (permanent: the receiver refused the request)",
                                           nextAttempt: nil, at: t0.addingTimeInterval(5))
            try store.close()
        }
        let output = try CommandLineTests.run(["outputs", "--config", config.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == """
            NAME  TYPE       PENDING  DELIVERED  FAILED  LAST ERROR
            log   alert log  2        1          0       -
            hook  webhook    1        1          1       2026-11-30T00:53:25Z HTTP 410 (permanent: the receiver refused the request)

            """)
        let retry = try CommandLineTests.run(["outputs", "retry", "hook", "--config", config.path])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(retry.stdout == "1 dead letter of 'hook' queued again\n")
        let unknown = try CommandLineTests.run(["outputs", "retry", "log", "--config", config.path])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown output 'log': the alert log has no dead letters"))
        #expect(unknown.stderr.contains("Usage: seedwatch outputs retry "))
    }
}
