import Foundation
import SeedwatchCore
import Testing

/// `seedwatch digest`: the text on standard output, and the HTML page read back from a real
/// headless browser (Debian's chromium: `--dump-dom` gives the DOM after rendering).
@Suite("Command line: digest")
struct DigestCommandTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func folderWithLog() throws -> (TemporaryFolder, URL) {
        let folder = try TemporaryFolder("seedwatch-digest")
        let config = try writeCommandConfig(in: folder.url)
        let now = Date()
        func line(_ id: String, _ title: String, _ hoursAgo: Double, _ actor: String, host: String = "news.example",
                  story: String? = nil) -> [UInt8] {
            var record = AlertRecord(
                id: id, time: now.addingTimeInterval(-hoursAgo * 3600), watch: "china-russia-north-korea", level: .alert, score: 25,
                source: .file(path: Array("/drop/\(id).txt".utf8), url: "https://\(host)/\(id)"), title: title, published: nil,
                actors: [ActorSummary(id: actor, name: actor, mentions: 1)],
                topics: [TopicSummary(id: "sanctions", name: "Sanctions and their evasion", score: 6, terms: [])],
                evidence: [EvidenceItem(text: "Evidence for \(title).", actors: [actor], topics: ["sanctions"], start: 0, end: 10)])
            record.story = StoryKeys(story: story ?? id, size: story == nil ? 1 : 2, isRepeat: false, relation: nil)
            return AlertEncoding.line(record)
        }
        // e4 joins e1's story from another outlet and adds an actor (Putin, not a core state: no bar).
        try Data(line("00000000000000e1", "Kim <visits> Moscow & Beijing", 3, "north_korea")
                 + line("00000000000000e2", "Russia ships oil", 1, "russia")
                 + line("00000000000000e4", "Kim meets Putin", 2, "vladimir_putin", host: "www.other.example", story: "00000000000000e1")
                 + line("00000000000000e3", "Old news", 72, "china"))
            .write(to: folder.url.appendingPathComponent("alerts.jsonl"))
        return (folder, config)
    }

    @Test func textListsThePeriodsAlertsByTopic() throws {
        let (folder, config) = try folderWithLog()
        _ = folder
        let output = try CommandLineTests.run(["digest", "--config", config.path, "--since", "24h"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains(": 3 alerts, 0 notices\n"))
        #expect(output.stdout.contains("Alerts per day (Russia; China; North Korea; counts in that order):\n"))
        #expect(output.stdout.contains("\nSanctions and their evasion (2)\n  ALERT 25.00  Kim <visits> Moscow & Beijing\n"
            + "    watch china-russia-north-korea\n    https://news.example/00000000000000e1\n    “Evidence for Kim <visits> Moscow & Beijing.”\n"
            + "    +1 source: other.example\n    update: "))
        #expect(output.stdout.contains(" ALERT Kim meets Putin\n  ALERT 25.00  Russia ships oil\n"))
        #expect(!output.stdout.contains("Old news"))
    }

    @Test(.enabled(if: Self.chromium != nil, "chromium is absent: scripts/install-deps.sh --tests installs it"),
          .timeLimit(.minutes(3)))
    func theHTMLPageRendersInAHeadlessBrowser() throws {
        let (folder, config) = try folderWithLog()
        let page = folder.url.appendingPathComponent("digest.html")
        let output = try CommandLineTests.run(["digest", "--config", config.path, "--since", "24h", "--html", page.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == "digest of 3 alerts, 0 notices written to \(page.path)\n")
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: Self.chromium!)
        browser.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.absoluteString]
        browser.environment = ["HOME": folder.url.path]
        let out = Pipe()
        browser.standardOutput = out
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        browser.waitUntilExit()
        #expect(browser.terminationStatus == 0)
        #expect(dom.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\""))
        #expect(dom.components(separatedBy: "<rect ").count == 3)
        #expect(dom.contains(">Kim &lt;visits&gt; Moscow &amp; Beijing</a>"))
        #expect(dom.contains(">Russia ships oil</a>"))
        #expect(dom.contains("<blockquote>Evidence for Russia ships oil.</blockquote>"))
        // One entry for the story of e1, with the source and the update that joined it.
        #expect(dom.contains("<div class=\"meta story\">+1 source: other.example</div>"))
        #expect(dom.contains("<a href=\"https://www.other.example/00000000000000e4\">Kim meets Putin</a></div>"))
        #expect(!dom.contains("Old news"))
    }
}
