import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `feeds import --dry-run`, and `feeds add` waiting for another edit's lock on the configuration
/// (issue 13, Build 8).
@Suite("Command line: feeds import and the configuration lock")
struct FeedsEditCommandTests {
    static let opml = """
    <?xml version="1.0" encoding="UTF-8"?>
    <opml version="2.0">
      <head><title>Desk</title></head>
      <body>
        <outline text="Asia">
          <outline type="rss" text="NK News" xmlUrl="https://www.nknews.org/feed/"/>
          <outline type="rss" text="Korea Herald" xmlUrl="https://www.koreaherald.com/rss/020000000000.xml"/>
          <outline type="rss" text="NK News again" xmlUrl="https://WWW.nknews.org/feed/#top"/>
        </outline>
        <outline text="Just a folder without a feed"/>
        <outline type="rss" text="Not a web feed" xmlUrl="ftp://example.org/feed.xml"/>
      </body>
    </opml>
    """

    @Test func importDryRunPrintsThePlanAndChangesNothing() throws {
        let folder = try TemporaryFolder("seedwatch-cli-import")
        let config = try CommandLineTests.copyOfShippedConfig(in: folder)
        let opmlFile = folder.url.appendingPathComponent("desk.opml")
        try Self.opml.write(to: opmlFile, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: config)

        let dry = try CommandLineTests.run(["feeds", "import", "--dry-run", opmlFile.path, "--config", config.path])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(try Data(contentsOf: config) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["desk.opml", "seedwatch.yaml"])
        #expect(dry.stdout.split(separator: "\n").map(String.init) == [
            "would add https://www.nknews.org/feed/ (NK News)",
            "would add https://www.koreaherald.com/rss/020000000000.xml (Korea Herald)",
            "duplicate https://WWW.nknews.org/feed/#top: listed earlier in the file as https://www.nknews.org/feed/",
            "skipped ftp://example.org/feed.xml: its scheme is 'ftp:'; a feed URL starts with http:// or https://",
            "\(opmlFile.path): 4 feeds; would add 2 to 'feeds:' in \(config.path), 1 duplicates, 1 invalid URLs, 1 outlines without xmlUrl skipped",
            "dry run: \(config.path) is unchanged",
        ])

        // The same import for real adds exactly the two feeds the dry run named.
        let real = try CommandLineTests.run(["feeds", "import", opmlFile.path, "--config", config.path])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.split(separator: "\n").prefix(2).map(String.init) == [
            "added https://www.nknews.org/feed/ (NK News)",
            "added https://www.koreaherald.com/rss/020000000000.xml (Korea Herald)",
        ])
        let urls = try ConfigurationReader.load(path: config.path).feeds.map(\.url)
        #expect(urls.suffix(2) == ["https://www.nknews.org/feed/", "https://www.koreaherald.com/rss/020000000000.xml"])
    }

    /// `feeds add` refuses a bad argument itself (exit 64, EX_USAGE), naming it and what is wrong,
    /// before the configuration is read; the file is unchanged.
    @Test func addRefusesABadURLOrIntervalAsAUsageError() throws {
        let folder = try TemporaryFolder("seedwatch-cli-add-usage")
        let config = try CommandLineTests.copyOfShippedConfig(in: folder)
        let before = try Data(contentsOf: config)
        for (arguments, message) in [
            (["not a url"], "Error: 'not a url' is not a feed URL: it has no scheme: a feed URL starts with http:// or https://"),
            (["ftp://example.org/feed.xml"], "Error: 'ftp://example.org/feed.xml' is not a feed URL: its scheme is 'ftp:'; a feed URL starts with http:// or https://"),
            (["https://example.org/feed.xml", "--interval", "10s"],
             "Error: --interval '10s' is too short: a feed is polled at most once a minute (60s)"),
            (["https://example.org/feed.xml", "--interval", "often"],
             "Error: --interval 'often' is not a duration: write seconds or a number with s, m, h or d (90s, 15m, 1h)"),
        ] {
            let add = try CommandLineTests.run(["feeds", "add"] + arguments + ["--config", config.path])
            #expect(add.status == 64, "\(arguments): \(add.stderr)")
            #expect(add.stderr.split(separator: "\n").first.map(String.init) == message)
            #expect(add.stdout == "")
        }
        #expect(try Data(contentsOf: config) == before)
    }

    /// A `feeds add` started while another edit holds the configuration's lock says it waits, then
    /// applies its edit to the file the other edit wrote: both feeds are there.
    @Test(.timeLimit(.minutes(2)))
    func feedsAddWaitsForAnotherEditAndKeepsIt() throws {
        let folder = try TemporaryFolder("seedwatch-cli-lock")
        let config = try CommandLineTests.copyOfShippedConfig(in: folder)
        let configured = try ConfigurationReader.load(path: config.path).feeds.map(\.url)
        var lock: ConfigurationEditLock? = try ConfigurationEditLock.acquire(path: config.path)

        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = ["feeds", "add", "https://second.example/rss", "--config", config.path]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SEEDWATCH_CONFIG")
        process.environment = env
        let err = Pipe(), out = Pipe()
        process.standardError = err
        process.standardOutput = out
        try process.run()
        // Wait for the positive event: the command says it waits for the lock.
        var stderr = ""
        let deadline = Date().addingTimeInterval(60)
        while !stderr.contains("\n"), Date() < deadline {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            stderr += String(decoding: chunk, as: UTF8.self)
        }
        #expect(stderr == "waiting for another edit of \(config.path) to finish (it holds the file's lock)\n")

        // The holder's own edit, written while the command waits.
        let text = try String(contentsOf: config, encoding: .utf8)
        try ConfigurationFileWriter.replace(try FeedListEditor.adding(.init(url: "https://first.example/rss"), to: text), at: config.path)
        lock = nil
        #expect(lock == nil)
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.hasPrefix("added https://second.example/rss to 'feeds:' in \(config.path)\n"))
        let urls = try ConfigurationReader.load(path: config.path).feeds.map(\.url)
        #expect(urls == configured + ["https://first.example/rss", "https://second.example/rss"])
    }

    /// With the daemon running, `feeds add` tells it to reload (SIGHUP to the lock's holder) and the
    /// daemon polls the new feed; without a daemon it says the change applies at the next start.
    @Test(.timeLimit(.minutes(2)))
    func feedsAddTellsTheRunningDaemonToReload() throws {
        let folder = try TemporaryFolder("seedwatch-e2e-feeds-reload")
        let root = folder.url
        let config = try writeDaemonConfig(in: root, settle: "0.2s")
        let feed = "http://127.0.0.1:9/world.xml"  // loopback, refused: the poll is logged as failed
        let idle = try CommandLineTests.run(["feeds", "add", "http://127.0.0.1:9/idle.xml", "--config", config.path])
        #expect(idle.status == 0, "\(idle.stderr)")
        #expect(idle.stdout.hasSuffix("the daemon is not running: the change applies when it starts\n"), "\(idle.stdout)")

        let notify = try NotifySocket(path: root.appendingPathComponent("notify.sock").path)
        defer { notify.close() }
        let daemon = try DaemonProcess(config: config, notifySocket: notify.path, stderrURL: root.appendingPathComponent("daemon.log"))
        #expect(notify.wait(for: "READY=1", timeout: 30) != nil, "\(daemon.log.suffix(2000))")
        let add = try CommandLineTests.run(["feeds", "add", feed, "--config", config.path])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "added \(feed) to 'feeds:' in \(config.path)\ntold the daemon (pid \(daemon.process.processIdentifier)) to reload\n")
        #expect(waitUntil(30) { daemon.log.contains("feed added; polling it now feed=\(feed)") }, "\(daemon.log.suffix(2000))")

        let quiet = try CommandLineTests.run(["feeds", "remove", feed, "--no-reload", "--config", config.path])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.hasSuffix("reload the daemon to apply it: systemctl reload seedwatch (or send it SIGHUP)\n"))
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 30) == 0)
        #expect(!daemon.log.contains("feed removed; no longer polled"))
    }
}
