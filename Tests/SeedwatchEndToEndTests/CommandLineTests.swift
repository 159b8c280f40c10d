import Foundation
import Testing

/// The `seedwatch` binary's commands other than `run`, on the shipped configuration and model.
@Suite("Command line")
struct CommandLineTests {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SEEDWATCH_CONFIG")
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static var shippedConfig: String { Paths.packageRoot.appendingPathComponent("config/seedwatch.yaml").path }

    /// The shipped configuration written into `folder`, its relative folders made absolute: the
    /// seeds of this package, `var/` under `folder`.
    static func copyOfShippedConfig(in folder: TemporaryFolder) throws -> URL {
        let text = try String(contentsOfFile: shippedConfig, encoding: .utf8)
            .replacingOccurrences(of: "../seeds/", with: Paths.packageRoot.appendingPathComponent("seeds").path + "/")
            .replacingOccurrences(of: "../var/", with: folder.url.appendingPathComponent("var").path + "/")
        let config = folder.url.appendingPathComponent("seedwatch.yaml")
        try text.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    /// `scan --json` of one text on standard input: the JSON object.
    static func scan(_ text: String) throws -> [String: Any] {
        let output = try run(["scan", "--json", "--config", shippedConfig, "-"], stdin: text)
        #expect(output.status == 0, "\(output.stderr)")
        let line = output.stdout.split(separator: "\n").first.map(String.init) ?? "{}"
        return (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
    }

    static func actorIDs(_ text: String) throws -> Set<String> {
        let object = try scan(text)
        return Set((object["actors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
    }

    /// The actor ids of each text, in order, from one `scan --json` of one `.txt` file per text
    /// (one start of the binary instead of one per text; each line names its file in `source.path`).
    static func actorIDs(_ texts: [String]) throws -> [Set<String>] {
        let folder = try TemporaryFolder("seedwatch-cli-scan")
        let files = try texts.enumerated().map { i, text in
            let file = folder.url.appendingPathComponent(String(format: "t%03d.txt", i))
            try text.write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        let output = try run(["scan", "--json", "--config", shippedConfig] + files)
        #expect(output.status == 0, "\(output.stderr)")
        var byPath: [String: Set<String>] = [:]
        for line in output.stdout.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let path = (object["source"] as? [String: Any])?["path"] as? String else { continue }
            byPath[path] = Set((object["actors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        }
        #expect(byPath.count == texts.count, "\(output.stdout)")
        return files.map { byPath[$0] ?? ["(no line)"] }
    }

    @Test func checkConfigAcceptsTheShippedConfiguration() throws {
        // The shipped configuration, with its relative folders under a temporary root whose var/drop exists.
        let folder = try TemporaryFolder("seedwatch-cli")
        let config = try Self.copyOfShippedConfig(in: folder)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("var/drop"), withIntermediateDirectories: true)
        let output = try Self.run(["check-config", "--config", config.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("watch china-russia-north-korea: model version "))
        #expect(output.stdout.hasSuffix("seedwatch.yaml: OK\n"), "\(output.stdout)")
        let log = folder.url.appendingPathComponent("var/log").path
        let state = folder.url.appendingPathComponent("var/state").path
        #expect(output.stderr == "warning: folder \(log) (of alerts.log) does not exist; seedwatch run will create it (mode 0750)\n"
            + "warning: folder \(state) (of state.path) does not exist; seedwatch run will create it (mode 0750)\n")
    }

    @Test func checkConfigShowsAnEmailDigestsSchedule() throws {
        let folder = try TemporaryFolder("seedwatch-cli")
        let config = try Self.copyOfShippedConfig(in: folder)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("var/drop"), withIntermediateDirectories: true)
        let outputs = """

            outputs:
              - {type: email, name: morning, smtp: "smtp://127.0.0.1:2525", from: seedwatch@example.org, to: [desk@example.org], digest: daily, digest_time: "07:30", digest_zone: Europe/Berlin}
              - {type: email, name: hourly, smtp: "smtp://127.0.0.1:2525", from: seedwatch@example.org, to: [desk@example.org], digest: hourly, digest_zone: UTC, min_level: alert}

            """
        try (try String(contentsOf: config, encoding: .utf8) + outputs).write(to: config, atomically: true, encoding: .utf8)
        let output = try Self.run(["check-config", "--config", config.path])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("output ") }
        #expect(lines == ["output morning: email, min_level alert, daily digest at 07:30 (Europe/Berlin)",
                          "output hourly: email, min_level alert, hourly digest (UTC)"])
    }

    @Test func aMissingDropFolderIsAConfigurationErrorForCheckConfigAndRun() throws {
        let folder = try TemporaryFolder("seedwatch-cli")
        let config = try writeCommandConfig(in: folder.url)
        let drop = folder.url.appendingPathComponent("drop").path
        let message = "error: drop folder \(drop) does not exist; seedwatch run will not create it and refuses to start: "
            + "create it (mkdir -p \(drop)) or correct drop_folder.path in \(config.path)"
        let check = try Self.run(["check-config", "--config", config.path])
        #expect(check.status == 78)
        #expect(check.stderr == message + "\n")
        #expect(!check.stdout.contains("OK"), "OK printed before the error: \(check.stdout)")
        let daemon = try Self.run(["run", "--config", config.path])
        #expect(daemon.status == 78)
        #expect(daemon.stderr.contains("cannot start: " + message.dropFirst("error: ".count)), "\(daemon.stderr)")
        #expect(!FileManager.default.fileExists(atPath: drop), "the drop folder was created")
    }

    @Test func checkConfigNamesFileLineAndKey() throws {
        let folder = try TemporaryFolder("seedwatch-cli")
        let bad = folder.url.appendingPathComponent("bad.yaml")
        try "watches: [x]\ndrop_folder:\n  path: d\n  setle: 3s\nalerts: {log: a}\nstate: {path: s}\n".write(to: bad, atomically: true, encoding: .utf8)
        let output = try Self.run(["check-config", "--config", bad.path])
        #expect(output.status == 78)
        #expect(output.stderr.contains("\(bad.path):4: drop_folder.setle: unknown key"))

        try "watches: [x]\ndrop_folder: {path: d, settle: soon}\nalerts: {log: a}\nstate: {path: s}\n".write(to: bad, atomically: true, encoding: .utf8)
        let badValue = try Self.run(["check-config", "--config", bad.path])
        #expect(badValue.stderr.contains("\(bad.path):2: drop_folder.settle: expected a duration"))
    }

    @Test("a watch folder without a model names the configuration file and the watches entry")
    func aMissingWatchFolderNamesItsConfigurationEntry() throws {
        let folder = try TemporaryFolder("seedwatch-cli")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("d"), withIntermediateDirectories: true)
        let config = folder.url.appendingPathComponent("c.yaml")
        try "watches: [nope]\ndrop_folder: {path: d}\nalerts: {log: a}\nstate: {path: s}\n".write(to: config, atomically: true, encoding: .utf8)
        let output = try Self.run(["check-config", "--config", config.path])
        #expect(output.status == 78)
        let watch = folder.url.appendingPathComponent("nope").path
        #expect(output.stderr.contains("\(watch)/model.yaml: cannot read the model (watches[0] of \(config.path) names the folder \(watch): is it right?)"),
                "\(output.stderr)")
    }

    @Test func aMissingConfigurationNamesTheAbsolutePathAndTheSearchOrder() throws {
        let folder = try TemporaryFolder("seedwatch-cli")
        let missing = folder.url.appendingPathComponent("nope.yaml").path
        let output = try Self.run(["check-config", "--config", missing])
        #expect(output.status == 78)
        #expect(output.stderr.contains("\(missing): cannot read the configuration file (\(missing): no such file)"), "\(output.stderr)")
    }

    @Test func feedsWithAnUnreadableStateDatabaseIsAnErrorNotAnEmptyListing() throws {
        let folder = try TemporaryFolder("seedwatch-cli")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("state.sqlite"), withIntermediateDirectories: true)
        let config = try writeCommandConfig(in: folder.url, feeds: ["http://127.0.0.1:9/feed.xml"])
        let output = try Self.run(["feeds", "--config", config.path])
        #expect(output.status == 66)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("run as the daemon's user or a member of its group with write access"), "\(output.stderr)")
    }

    @Test func aMalformedModelIsAnErrorNamingItsFile() throws {
        let folder = try TemporaryFolder("seedwatch-cli")
        let watch = folder.url.appendingPathComponent("broken-watch")
        try FileManager.default.createDirectory(at: watch, withIntermediateDirectories: true)
        try "actors:\n  - id: x\n    kind: planet\n    aliases: [X]\n".write(to: watch.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
        let config = folder.url.appendingPathComponent("c.yaml")
        try "watches: [broken-watch]\ndrop_folder: {path: d}\nalerts: {log: a}\nstate: {path: s}\n".write(to: config, atomically: true, encoding: .utf8)
        let output = try Self.run(["check-config", "--config", config.path])
        #expect(output.status == 78)
        #expect(output.stderr.contains("broken-watch/model.yaml:3: actors[0].kind: kind must be person, state or organization"))
        let daemon = try Self.run(["run", "--config", config.path])
        #expect(daemon.status == 78)
        #expect(daemon.stderr.contains("broken-watch/model.yaml:3"))
    }

    /// Word boundaries in Cyrillic, Han and mixed scripts, through `scan --json`.
    @Test func wordBoundariesInNonLatinScripts() throws {
        let cases: [(String, Set<String>)] = [
            ("Фильм о Распутине вышел в прокат.", []),
            ("Путин прибыл с визитом.", ["vladimir_putin"]),
            ("习近平在北京会见金正恩。", ["xi_jinping", "kim_jong_un", "china"]),
            ("Talks with Xi在北京", ["xi_jinping", "china"]),
            ("2026年平壤阅兵", ["north_korea"]),
        ]
        #expect(try Self.actorIDs(cases.map(\.0)) == cases.map(\.1))
    }

    /// Apostrophes, possessives, "Xi'an" and case, through `scan --json`.
    @Test func apostrophesPossessivesXian() throws {
        let cases: [(String, Set<String>)] = [
            ("President Xi\u{2019}s envoy arrived.", ["xi_jinping"]),
            ("President Xi's envoy arrived.", ["xi_jinping"]),
            ("Putin\u{2019}s spokesman declined to comment.", ["vladimir_putin"]),
            ("Flights from Xi\u{2019}an to Beijing resumed.", ["china"]),
            ("Xi'an trade fair opens.", []),
            ("Xi\u{02BC}an museum reopens.", []),
            ("Super Bowl XI recap", []),
            ("a taxi to the airport", []),
            ("PUTIN SPEAKS", ["vladimir_putin"]),
        ]
        #expect(try Self.actorIDs(cases.map(\.0)) == cases.map(\.1))
        let object = try Self.scan("Putin\u{2019}s spokesman declined to comment.")
        #expect(object["title"] as? String == "Putin\u{2019}s spokesman declined to comment.")
    }

    /// HTML to text: blocks do not glue words; script and style never match.
    @Test func htmlBlocksDoNotGlueWords() throws {
        let html = """
        <html><head><title>Statement</title><style>.Putin{color:red}</style></head><body><article>
        <p>Statement</p>issued in Pyongyang<div><h4>Kim Jong Un</h4><p>said the launch was a success.</p></div>
        <ul><li>Beijing</li><li>Moscow</li></ul>
        <p>Pyong<span>yang</span> later con&shy;firmed it.<br>Putin<br/>did not comment.</p>
        <script>var tag = "Xi Jinping";</script>
        </article></body></html>
        """
        let object = try Self.scan(html)
        #expect(object["title"] as? String == "Statement")
        let ids = Set((object["actors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(ids == ["kim_jong_un", "vladimir_putin", "north_korea", "china", "russia"])
        #expect(object["alerted"] as? Bool == (object["level"] is String))
    }

    @Test func scanExplainsEveryPointOfTheScore() throws {
        let output = try Self.run(["scan", "--json", "--explain", "--config", Self.shippedConfig, "-"],
                                  stdin: "Kim Jong Un met Putin in Pyongyang to discuss artillery shells for the war in Ukraine.")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let components = try #require(object["explanation"] as? [[String: Any]])
        let sum = components.compactMap { $0["points"] as? Double }.reduce(0, +)
        #expect(abs(sum - (object["score"] as? Double ?? -1)) < 0.01)
        #expect(object["level"] as? String == "alert")
        #expect(components.contains { ($0["detail"] as? String)?.contains("north_korea+russia") == true })
    }

    /// A miss says what it lacked, in the readable view and as the JSON key "missing".
    @Test func scanExplainsWhatAMissLacked() throws {
        let article = "North Korea holds a volleyball game\nOfficials in Pyongyang watched the game.\n"
        let text = try Self.run(["scan", "--explain", "--config", Self.shippedConfig, "-"], stdin: article)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let missing = try #require(lines.firstIndex(of: "    missing for an alert:"))
        #expect(Array(lines[(missing + 1)...]) == [
            "    - topic evidence 0.0 below the 6.0 an alert needs (no topic term in the article)",
            "    - score 10.0 below notice 14.0 (alert 17.5)",
        ])
        let json = try Self.run(["scan", "--json", "--explain", "--config", Self.shippedConfig, "-"], stdin: article)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let shortfalls = try #require(object["missing"] as? [[String: String]])
        #expect(shortfalls.map { $0["rule"] } == ["alert_min_topic", "notice_threshold"])
        #expect(object["alerted"] as? Bool == false)
    }

    /// `feeds add` edits a copy of the shipped configuration; `feeds export` prints OPML 2.0 by
    /// default and one URL a line with `--urls`.
    @Test func feedsAddThenExportAsOPMLAndAsURLs() throws {
        let folder = try TemporaryFolder("seedwatch-cli")
        let config = try Self.copyOfShippedConfig(in: folder)
        let add = try Self.run(["feeds", "add", "https://example.org/world/rss.xml", "--title", "World & Co",
                                "--config", config.path])
        #expect(add.status == 0, "\(add.stderr)")
        let opml = try Self.run(["feeds", "export", "--config", config.path])
        #expect(opml.status == 0, "\(opml.stderr)")
        #expect(opml.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"))
        #expect(opml.stdout.contains(#"<outline type="rss" text="World &amp; Co" title="World &amp; Co" xmlUrl="https://example.org/world/rss.xml"/>"#))
        let urls = try Self.run(["feeds", "export", "--urls", "--config", config.path])
        #expect(urls.stdout == "https://example.org/world/rss.xml\n")  // URLs only (tryout F14)
    }

    /// Evidence puts the headline first when it holds the core pattern (two states and a topic).
    @Test(.enabled(if: Paths.sharedIsAvailable, "../shared is absent"))
    func evidenceLeadsWithTheHeadline() throws {
        let file = Paths.shared.appendingPathComponent(
            "corpus/articles/giveme5w1h/Giveme5W1H/examples/datasets/news_cluster/data/d0b630b229ee0940fadc3f1067c2bf9e557097dfa5b1e5ce1c977952.json")
        let output = try Self.run(["scan", "--json", "--config", Self.shippedConfig, file.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let evidence = try #require(object["evidence"] as? [[String: Any]])
        #expect(object["level"] as? String == "alert")
        #expect(evidence.count == 5)
        #expect(evidence.first?["text"] as? String == "North Korea received oil from Russia in violation of UN sanctions: report")
        #expect(evidence.first?["actors"] as? [String] == ["north_korea", "russia", "united_nations"])
        #expect(evidence.first?["topics"] as? [String] == ["sanctions", "energy_trade"])
        #expect(evidence.first?["start"] as? Int == 0)
    }

    @Test func scanOfAnUnreadablePathExitsNoInput() throws {
        let output = try Self.run(["scan", "--config", Self.shippedConfig, "/nonexistent/file.txt"])
        #expect(output.status == 66)
        #expect(output.stderr.contains("/nonexistent/file.txt: cannot open"))
    }

    /// `scan` and `extract` take their paths after the first off the command line before it is
    /// parsed (`RepeatedPaths`): the inputs keep their order, wherever the options stand among them.
    @Test func manyPathsKeepTheirOrderAmongTheOptions() throws {
        let folder = NSTemporaryDirectory() + "seedwatch-paths-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let names = (0..<40).map { String(format: "%@/%02d.txt", folder, $0) }
        for (i, name) in names.enumerated() { try "Putin met Xi in Beijing, report \(i).".write(toFile: name, atomically: true, encoding: .utf8) }
        let order = [names[5], names[1]] + names[10..<40].reversed() + [names[0]]
        let scan = try Self.run(["scan", order[0], "--json", order[1], "--watch", "china-russia-north-korea"] + Array(order[2..<10])
                                + ["--config", Self.shippedConfig] + Array(order[10...]))
        #expect(scan.status == 0, "\(scan.stderr)")
        let scanned = scan.stdout.split(separator: "\n").compactMap { line -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["source"] as? [String: Any])?["path"] as? String
        }
        #expect(scanned == order)
        let extract = try Self.run(["extract", "--json", "--config", Self.shippedConfig, order[0], order[1], "--", order[2]])
        #expect(extract.status == 0, "\(extract.stderr)")
        let extracted = extract.stdout.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["path"] as? String
        }
        #expect(extracted == Array(order[0..<3]))
        // An option without its value is still an error, and a missing path too.
        #expect(try Self.run(["scan", "--config", Self.shippedConfig, order[0], order[1], "--watch"]).status != 0)
        #expect(try Self.run(["scan", "--config", Self.shippedConfig]).status != 0)
    }

    /// `RepeatedPaths.valueOptions` must name every option of `scan` and `extract` that takes a
    /// value, or that value would be read as a path.
    @Test(arguments: [("scan", ["--config", "--watch"]), ("extract", ["--config"])])
    func theOptionsThatTakeAValueAreThoseRepeatedPathsKnows(command: String, known: [String]) throws {
        let help = try Self.run([command, "--help"]).stdout
        let regex = try NSRegularExpression(pattern: "(--[a-z-]+) <")
        let options = Set(regex.matches(in: help, range: NSRange(help.startIndex..., in: help)).compactMap { match in
            Range(match.range(at: 1), in: help).map { String(help[$0]) }
        })
        #expect(options == Set(known), "update RepeatedPaths.valueOptions in Sources/seedwatch/RepeatedPaths.swift")
    }
}

import SeedwatchCore

@Suite("Command line: alerts")
struct AlertsCommandTests {
    static func record(_ id: String, _ title: String, actor: String, minutesAgo: Double, level: AlertLevel) -> [UInt8] {
        AlertEncoding.line(AlertRecord(
            id: id, time: Date().addingTimeInterval(-minutesAgo * 60), watch: "china-russia-north-korea", level: level, score: 20,
            source: .file(path: Array("/drop/\(id).txt".utf8)), title: title, published: nil,
            actors: [ActorSummary(id: actor, name: actor, mentions: 1)], topics: [], evidence: []))
    }

    @Test func readsRotatedLogsOldestFirstAndFilters() throws {
        let folder = try TemporaryFolder("seedwatch-alerts")
        let log = folder.url.appendingPathComponent("log")
        try FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
        let config = try writeCommandConfig(in: folder.url, alertLog: "log/alerts.jsonl")
        let rotated = log.appendingPathComponent("alerts.jsonl.1")
        try Data(Self.record("00000000000000a1", "Old one", actor: "kim_jong_un", minutesAgo: 600, level: .alert)
                 + Self.record("00000000000000a2", "Old two", actor: "vladimir_putin", minutesAgo: 300, level: .notice)).write(to: rotated)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: rotated.path)
        // An older rotation, compressed by logrotate's `compress`.
        let older = log.appendingPathComponent("alerts.jsonl.2")
        try Data(Self.record("00000000000000a0", "Oldest", actor: "kim_jong_un", minutesAgo: 900, level: .alert)).write(to: older)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [older.path]
        try gzip.run()
        gzip.waitUntilExit()
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: older.path + ".gz")
        try Data(Self.record("00000000000000a3", "New", actor: "kim_jong_un", minutesAgo: 1, level: .alert))
            .write(to: log.appendingPathComponent("alerts.jsonl"))

        func titles(_ arguments: [String]) throws -> [String] {
            let output = try CommandLineTests.run(["alerts", "--json", "--config", config.path] + arguments)
            #expect(output.status == 0, "\(output.stderr)")
            return output.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["title"] as? String
            }
        }
        #expect(try titles([]) == ["Oldest", "Old one", "Old two", "New"])
        #expect(try titles(["--since", "2h"]) == ["New"])
        #expect(try titles(["--actor", "kim_jong_un"]) == ["Oldest", "Old one", "New"])
        #expect(try titles(["--actor", "Kim Jong Un"]) == ["Oldest", "Old one", "New"])
        #expect(try titles(["--level", "alert"]) == ["Oldest", "Old one", "New"])
        let unknown = try CommandLineTests.run(["alerts", "--config", config.path, "--actor", "nosuch"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown actor 'nosuch'; give an id, name or alias, e.g. "))
    }

    /// The readable view says when an alert is an edit of an earlier alert's article.
    @Test func readableAlertsShowUpdates() throws {
        let folder = try TemporaryFolder("seedwatch-alerts-updates")
        let config = try writeCommandConfig(in: folder.url)
        let edit = AlertEncoding.line(AlertRecord(
            id: "00000000000000b2", time: Date(timeIntervalSince1970: 1_796_018_400), watch: "china-russia-north-korea", level: .alert,
            score: 30, source: .file(path: Array("/drop/b.txt".utf8)), title: "Kim Jong Un visits Beijing, meets Putin", published: nil,
            actors: [ActorSummary(id: "vladimir_putin", name: "Vladimir Putin", mentions: 1)], topics: [], evidence: [],
            updates: "00000000000000b1"))
        try Data(Self.record("00000000000000b1", "Kim Jong Un visits Beijing", actor: "kim_jong_un", minutesAgo: 5, level: .alert) + edit)
            .write(to: folder.url.appendingPathComponent("alerts.jsonl"))
        let output = try CommandLineTests.run(["alerts", "--config", config.path])
        #expect(output.status == 0, "\(output.stderr)")
        let blocks = output.stdout.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        #expect(blocks.count == 2)
        #expect(!blocks[0].contains("updates:"))
        #expect(blocks[1].hasSuffix("    updates:   00000000000000b1 (an edit of that alert's article, naming a new actor)"))
    }
}

import SeedwatchRuntime

@Suite("Command line: feeds reset")
struct FeedsResetCommandTests {
    @Test func resetReenablesAFeedStoppedBy410() throws {
        let folder = try TemporaryFolder("seedwatch-feeds-reset")
        let url = "http://127.0.0.1:9/gone.xml"
        let config = try writeCommandConfig(in: folder.url, feeds: [url])
        let database = folder.url.appendingPathComponent("state.sqlite").path
        do {
            let store = try StateStore(path: database)
            try store.saveFeedState(FeedHTTPState(url: url, etag: "x-etag", consecutiveFailures: 3, lastError: "HTTP 410", lastStatus: 410, disabled: true))
            try store.close()
        }
        let listed = try CommandLineTests.run(["feeds", "--config", config.path])
        #expect(listed.stdout.contains("next poll:     disabled (410 Gone; seedwatch feeds reset URL resumes it)"))
        let reset = try CommandLineTests.run(["feeds", "reset", "--config", config.path, url])
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(reset.stdout == "\(url): reset; polled after the daemon's next reload or start\n")
        let state = try #require(try StateStore(path: database).feedState(url: url))
        #expect(!state.disabled)
        #expect(state.consecutiveFailures == 0)
        #expect(state.lastError == nil)
        #expect(state.etag == nil)
        #expect(state.lastStatus == 410)
        let unknown = try CommandLineTests.run(["feeds", "reset", "--config", config.path, "http://127.0.0.1:9/other.xml"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "error: 'http://127.0.0.1:9/other.xml' is not a feed of \(config.path) (seedwatch feeds lists its 1); "
            + "give the URL as configured\n")
    }
}
