import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `seedwatch watch new` from a seed file to a watch that `check-config` and `scan` take unedited.
@Suite("watch new command")
struct WatchNewCommandTests {
    static func tempFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("seedwatch-watchnew-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("seeds"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: url.appendingPathComponent("drop"), withIntermediateDirectories: true)
        return url
    }

    /// A configuration whose first watch is the shipped one (copied), with comments to keep.
    static func writeConfig(in folder: URL) throws -> String {
        let shipped = Paths.packageRoot.appendingPathComponent("seeds/china-russia-north-korea")
        try FileManager.default.copyItem(at: shipped, to: folder.appendingPathComponent("seeds/china-russia-north-korea"))
        let config = folder.appendingPathComponent("seedwatch.yaml")
        try Data("""
        # test configuration
        watches:
          - seeds/china-russia-north-korea   # the shipped watch
        drop_folder:
          path: drop
        alerts:
          log: alerts.jsonl
        state:
          path: state.sqlite

        """.utf8).write(to: config)
        return config.path
    }

    @Test func seedToWatchToBacktest() throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try Self.writeConfig(in: folder)
        let seed = folder.appendingPathComponent("seed.md")
        try Data("""
        ---
        title: Canada hits back with tariffs after Trump doubles duties
        ---
        Canadian Prime Minister Mark Carney said Canada would impose counter-tariffs on US steel and aluminium.
        US President Donald Trump doubled tariffs on Canadian goods on Monday, saying Canada treated US dairy unfairly.
        Carney said trade talks with Washington would continue, but Canada's tariffs would stay until the US lifted its levies.
        Ontario's premier urged Canadians to buy Canadian goods as the trade war between Canada and the US deepened.
        Economists said the tariffs would raise prices on both sides of the border and hurt Canada's economy.

        """.utf8).write(to: seed)

        let built = try CommandLineTests.run(["watch", "new", "canada-trade", "--seed", seed.path, "--config", config, "--add-to-config"])
        #expect(built.status == 0, "\(built.stderr)")
        let lines = built.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "watch canada-trade: wrote \(folder.path)/seeds/canada-trade/article.txt and \(folder.path)/seeds/canada-trade/model.yaml")
        #expect(lines.contains("core states: canada; named in most news, so not weighted: united_states"))
        #expect(lines.contains("persons (2): donald_trump [united_states], mark_carney [canada]"))
        let article = try String(contentsOf: folder.appendingPathComponent("seeds/canada-trade/article.txt"), encoding: .utf8)
        #expect(article.hasPrefix("Canada hits back with tariffs after Trump doubles duties\nCanadian Prime Minister Mark Carney"))
        // The configuration gained the watch and kept its comments.
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.hasPrefix("# test configuration\nwatches:\n  - seeds/china-russia-north-korea   # the shipped watch\n  - seeds/canada-trade\ndrop_folder:"))

        // A second run refuses to overwrite; --force does.
        let again = try CommandLineTests.run(["watch", "new", "canada-trade", "--seed", seed.path, "--config", config])
        #expect(again.status == 73)   // EX_CANTCREAT
        #expect(again.stderr == "error: \(folder.path)/seeds/canada-trade already holds a watch; --force overwrites its article.txt and model.yaml\n")
        let modelURL = folder.appendingPathComponent("seeds/canada-trade/model.yaml")
        let built1 = try Data(contentsOf: modelURL)
        try Data("edited".utf8).write(to: modelURL)
        let forced = try CommandLineTests.run(["watch", "new", "canada-trade", "--seed", seed.path, "--config", config, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Data(contentsOf: modelURL) == built1)   // rewritten, the same bytes for the same seed

        let check = try CommandLineTests.run(["check-config", "--config", config])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr == "")
        #expect(check.stdout.contains("watch canada-trade: model version "))

        let summary = try CommandLineTests.run(["scan", "--summary", "--watch", "canada-trade", "--config", config, seed.path])
        #expect(summary.status == 0, "\(summary.stderr)")
        let out = summary.stdout.split(separator: "\n").map(String.init)
        #expect(out.first == "watch canada-trade: 1 articles: alert 1, notice 0, below 0")
        #expect(out.count == 2)
        #expect(out.last?.hasSuffix("  alert   Canada hits back with tariffs after Trump doubles duties  (\(seed.path))") == true)
    }

    /// The built watch runs in the daemon unedited: an article dropped in German about the story is
    /// alerted for it (and the shipped watch stays silent).
    @Test func theBuiltWatchAlertsInTheDaemonUnedited() throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try Self.writeConfig(in: folder)
        let seed = folder.appendingPathComponent("seed.txt")
        try Data("""
        Canada hits back with tariffs after Trump doubles duties
        Canadian Prime Minister Mark Carney said Canada would impose counter-tariffs on US steel and aluminium.
        US President Donald Trump doubled tariffs on Canadian goods on Monday, saying Canada treated US dairy unfairly.
        Carney said trade talks with Washington would continue, but Canada's tariffs would stay until the US lifted its levies.

        """.utf8).write(to: seed)
        let built = try CommandLineTests.run(["watch", "new", "canada-trade", "--seed", seed.path, "--config", config, "--add-to-config"])
        #expect(built.status == 0, "\(built.stderr)")

        let notify = try NotifySocket(path: folder.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: URL(fileURLWithPath: config), notifySocket: notify.path,
                                       stderrURL: folder.appendingPathComponent("daemon.log"))
        defer { daemon.signal(SIGTERM); _ = daemon.waitForExit(timeout: 30) }
        #expect(notify.wait(for: "READY=1", timeout: 60) != nil, "no READY=1; log:\n\(daemon.log)")
        try Data("""
        Kanada antwortet Trump mit Zöllen
        Der kanadische Premierminister Mark Carney kündigte Gegenzölle auf amerikanischen Stahl an. Ottawa werde die Zölle beibehalten, solange Washington seine nicht zurücknehme. Kanadische Hersteller fürchten einen Handelskrieg.

        """.utf8).write(to: folder.appendingPathComponent("drop/kanada.txt"))
        let log = folder.appendingPathComponent("alerts.jsonl")
        let alerted = waitUntil(60) { !AlertLine.read(log).isEmpty }
        #expect(alerted, "no alert; log:\n\(daemon.log.suffix(3000))")
        let lines = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n") ?? []
        #expect(lines.count == 1)
        let object = try #require(lines.first.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(object["watch"] as? String == "canada-trade")
        #expect(object["level"] as? String == "alert")
        #expect(AlertLine.read(log).first?.actors.contains("canada") == true)
    }

    @Test func aSeedThatCannotBeReadExits66() throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = try CommandLineTests.run(["watch", "new", "x", "--seed", folder.appendingPathComponent("missing.html").path, "--into", folder.path])
        #expect(out.status == 66)
        #expect(out.stderr.hasPrefix("error: \(folder.path)/missing.html: "))
    }

    @Test func checkConfigWarnsAboutRulesNamingAbsentStates() throws {
        let folder = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let watch = folder.appendingPathComponent("seeds/colombia")
        try FileManager.default.createDirectory(at: watch, withIntermediateDirectories: true)
        try Data("""
        actors:
          - {id: colombia, name: Colombia, kind: state, aliases: [Colombia]}
        topics:
          - {id: peace, name: Peace, terms: [ceasefire]}
        rules:
          state_weights: {colombia: 1, venezuela: 1}
          core_states: [colombia]
          alert_key_states: []

        """.utf8).write(to: watch.appendingPathComponent("model.yaml"))
        let config = folder.appendingPathComponent("seedwatch.yaml")
        try Data("watches:\n  - seeds/colombia\ndrop_folder:\n  path: drop\nalerts:\n  log: a.jsonl\nstate:\n  path: s.sqlite\n".utf8).write(to: config)
        let check = try CommandLineTests.run(["check-config", "--config", config.path])
        #expect(check.status == 0)
        #expect(check.stderr == "warning: watch colombia: rules name state 'venezuela' (state_weights) but the model has no state actor with that id\n")
    }
}
