import Foundation
import Testing

/// `seedwatch extract`: the text the matcher reads, from every format the drop folder accepts.
@Suite("Command line: extract")
struct ExtractCommandTests {
    static let page = """
    <html><head><title>Kim visits Moscow | Example News</title>
    <meta property="og:title" content="Kim visits Moscow">
    <meta property="og:url" content="https://example.org/world/kim-moscow">
    <meta property="article:published_time" content="2024-06-19T05:12:05+02:00"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Kim visits Moscow</h1>
    <p>North Korea's leader arrived in Moscow on Wednesday for talks with the Russian president.</p>
    <p>The two sides are expected to sign a treaty on mutual defence, officials said.</p></article>
    <footer>© Example News</footer></body></html>
    """

    static func run(_ arguments: [String], stdin: String? = nil) throws -> CommandLineTests.Output {
        try CommandLineTests.run(["extract", "--config", CommandLineTests.shippedConfig] + arguments, stdin: stdin)
    }

    static func objects(_ output: CommandLineTests.Output) throws -> [[String: Any]] {
        try output.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func printsTheTitleThenTheBodyOfAPageOnStandardInput() throws {
        let output = try Self.run(["-"], stdin: Self.page)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == """
        Kim visits Moscow
        North Korea's leader arrived in Moscow on Wednesday for talks with the Russian president.
        The two sides are expected to sign a treaty on mutual defence, officials said.

        """)
    }

    @Test func jsonGivesPathTitleTextPublishedURLAndLanguage() throws {
        let folder = try TemporaryFolder("extract-json")
        let file = folder.url.appendingPathComponent("kim.html")
        try Self.page.write(to: file, atomically: true, encoding: .utf8)
        let output = try Self.run(["--json", file.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout == #"{"path":""# + file.path + #"","title":"Kim visits Moscow","text":"North Korea's leader arrived in Moscow on Wednesday for talks with the Russian president.\nThe two sides are expected to sign a treaty on mutual defence, officials said.","published":"2024-06-19T03:12:05Z","url":"https://example.org/world/kim-moscow","language":"en"}"# + "\n")
    }

    /// Each item of an Atom feed or a JSON Feed is `PATH#N`, with its link in `url` (the link
    /// rel="alternate", the JSON Feed `url`, else a permalink GUID).
    @Test func feedItemsAreNamedPathHashNWithTheirLinks() throws {
        let folder = try TemporaryFolder("extract-feed-items")
        let atom = folder.url.appendingPathComponent("world.atom")
        try """
        <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>World</title>
        <entry><id>tag:example.org,2026:1</id><title>Kim visits Moscow</title><link rel="alternate" href="https://example.org/kim"/>
        <updated>2026-12-05T08:00:00Z</updated><summary>Kim arrived.</summary></entry>
        <entry><id>tag:example.org,2026:2</id><title>Xi meets Lula</title><link href="https://example.org/xi"/>
        <updated>2026-12-05T09:00:00Z</updated><summary>Talks.</summary></entry>
        </feed>
        """.write(to: atom, atomically: true, encoding: .utf8)
        let jsonFeed = folder.url.appendingPathComponent("world.json")
        try """
        {"version":"https://jsonfeed.org/version/1.1","title":"World","items":[
         {"id":"1","url":"https://example.org/putin","title":"Putin in Pyongyang","content_text":"Putin arrived."}]}
        """.write(to: jsonFeed, atomically: true, encoding: .utf8)
        let rss = folder.url.appendingPathComponent("world.rss")
        try """
        <?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
        <item><title>Kim replies</title><guid>https://example.org/kim-replies</guid><description>Kim spoke.</description></item>
        </channel></rss>
        """.write(to: rss, atomically: true, encoding: .utf8)
        let json = try Self.objects(try Self.run(["--json", atom.path, jsonFeed.path, rss.path]))
        #expect(json.map { $0["path"] as? String } == [atom.path + "#0", atom.path + "#1", jsonFeed.path + "#0", rss.path + "#0"])
        #expect(json.map { $0["url"] as? String } == ["https://example.org/kim", "https://example.org/xi", "https://example.org/putin",
                                                      "https://example.org/kim-replies"])
        #expect(json.map { $0["title"] as? String } == ["Kim visits Moscow", "Xi meets Lula", "Putin in Pyongyang", "Kim replies"])
    }

    @Test func aFeedFileGivesOneObjectPerItem() throws {
        let folder = try TemporaryFolder("extract-feed")
        let feed = folder.url.appendingPathComponent("world.xml")
        try """
        <?xml version="1.0"?><rss version="2.0"><channel><title>World</title>
        <item><title>Putin arrives in Pyongyang</title><link>https://example.org/a</link>
        <description>&lt;p&gt;The Russian president landed overnight.&lt;/p&gt;</description>
        <pubDate>Wed, 19 Jun 2024 01:00:00 GMT</pubDate></item>
        <item><title>Xi meets Lula</title><link>https://example.org/b</link><description>Talks in Beijing.</description></item>
        </channel></rss>
        """.write(to: feed, atomically: true, encoding: .utf8)
        let json = try Self.objects(try Self.run(["--json", feed.path]))
        #expect(json.count == 2)
        #expect(json.map { $0["path"] as? String } == [feed.path + "#0", feed.path + "#1"])
        #expect(json.map { $0["title"] as? String } == ["Putin arrives in Pyongyang", "Xi meets Lula"])
        #expect(json.map { $0["text"] as? String } == ["The Russian president landed overnight.", "Talks in Beijing."])
        #expect(json.map { $0["url"] as? String } == ["https://example.org/a", "https://example.org/b"])
        #expect(json[0]["published"] as? String == "2024-06-19T01:00:00Z")
        #expect(json[1]["published"] is NSNull)

        let text = try Self.run([feed.path])
        #expect(text.stdout == """
        ==> \(feed.path)#0 <==
        Putin arrives in Pyongyang
        The Russian president landed overnight.

        ==> \(feed.path)#1 <==
        Xi meets Lula
        Talks in Beijing.

        """)
    }

    @Test func aGzippedMarkdownFileIsReadAsTheDropFolderReadsIt() throws {
        let folder = try TemporaryFolder("extract-gz")
        let plain = folder.url.appendingPathComponent("note.md")
        try "---\ntitle: Sanctions on Pyongyang\n---\n# Ignored heading?\n\nThe *UN* panel reported.\n".write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-n", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let direct = try Self.run(["--json", folder.url.appendingPathComponent("note.md.gz").path])
        #expect(direct.status == 0, "\(direct.stderr)")
        let object = try #require(try Self.objects(direct).first)
        #expect(object["title"] as? String == "Sanctions on Pyongyang")
        #expect(object["text"] as? String == "Ignored heading?\nThe UN panel reported.")
    }

    @Test func eachBadPathIsReportedWithItsReasonAndTheOthersStillPrint() throws {
        let folder = try TemporaryFolder("extract-errors")
        let good = folder.url.appendingPathComponent("good.txt")
        try "Seoul protests\nThousands marched in Seoul.\n".write(to: good, atomically: true, encoding: .utf8)
        let binary = folder.url.appendingPathComponent("blob.txt")
        try Data([0x41, 0x00, 0x42, 0x00]).write(to: binary)
        let unknown = folder.url.appendingPathComponent("slides.pptx")
        try Data("x".utf8).write(to: unknown)

        let missing = try Self.run(["/nonexistent/kim.html", good.path])
        #expect(missing.status == 66)
        #expect(missing.stderr == "/nonexistent/kim.html: cannot open: No such file or directory\n")
        #expect(missing.stdout == "==> \(good.path) <==\nSeoul protests\nThousands marched in Seoul.\n")

        let unreadable = try Self.run([binary.path, unknown.path, good.path])
        #expect(unreadable.status == 65)
        let lines = unreadable.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix(binary.path + ": "))
        #expect(lines[1].hasPrefix(unknown.path + ": "))
        #expect(unreadable.stdout.hasSuffix("Seoul protests\nThousands marched in Seoul.\n"))
    }

    @Test func anEmptyFolderIsReportedNotPassedOverInSilence() throws {
        let folder = try TemporaryFolder("extract-empty")
        let empty = folder.url.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let extract = try Self.run([empty.path])
        #expect(extract.status == 66)
        #expect(extract.stderr == "\(empty.path): no file to read in this folder\n")
        #expect(extract.stdout == "")
        let scan = try CommandLineTests.run(["scan", "--config", CommandLineTests.shippedConfig, empty.path])
        #expect(scan.status == 66)
        #expect(scan.stderr.contains("\(empty.path): no file to read in this folder\n"))
    }

    /// A folder is read as the drop folder reads it: its files of other types (an `index.jsonl`
    /// beside the pages, a PDF) are passed over with one line each and do not fail the command; a
    /// folder holding only such files has nothing to read and is reported.
    @Test func aFoldersFilesOfOtherTypesArePassedOverWithOneLineEach() throws {
        let folder = try TemporaryFolder("scan-mixed")
        let pages = folder.url.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try "Putin meets Kim Jong Un in Pyongyang\nRussia and North Korea signed a defence pact.\n"
            .write(to: pages.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try #"{"path": "a.txt"}"#.write(to: pages.appendingPathComponent("index.jsonl"), atomically: true, encoding: .utf8)
        try Data("%PDF-1.7".utf8).write(to: pages.appendingPathComponent("NOTES.PDF"))
        let others = folder.url.appendingPathComponent("others")
        try FileManager.default.createDirectory(at: others, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: others.appendingPathComponent("README"))

        let scan = try CommandLineTests.run(["scan", "--config", CommandLineTests.shippedConfig, "--json", pages.path])
        #expect(scan.status == 0)
        #expect(scan.stderr == "\(pages.path)/NOTES.PDF: skipped: unsupported file type .pdf\n\(pages.path)/index.jsonl: skipped: unsupported file type .jsonl\n")
        #expect(scan.stdout.split(separator: "\n").count == 1)
        #expect(scan.stdout.contains(#""title":"Putin meets Kim Jong Un in Pyongyang""#))

        let extract = try Self.run([pages.path, others.path])
        #expect(extract.status == 66)
        #expect(extract.stderr == "\(others.path): no file to read in this folder\n\(pages.path)/NOTES.PDF: skipped: unsupported file type .pdf\n"
                + "\(pages.path)/index.jsonl: skipped: unsupported file type .jsonl\n\(others.path)/README: skipped: unsupported file type (no extension)\n")
        #expect(extract.stdout == "Putin meets Kim Jong Un in Pyongyang\nRussia and North Korea signed a defence pact.\n")
    }

    /// A real page of the shared corpus: BBC World, June 2026.
    @Test(.enabled(if: Paths.sharedIsAvailable, "../shared is absent: the corpus page is not there"))
    func aBBCPageOfTheCorpus() throws {
        let page = Paths.shared.appendingPathComponent("corpus/articles/bbc-world-2026/2026-06-20_059eea2549fa.html")
        let object = try #require(try Self.objects(try Self.run(["--json", page.path])).first)
        #expect(object["path"] as? String == page.path)
        #expect(object["title"] as? String == "Drones create the first-ever Fifa scoreboard in Seattle sky")
        #expect(object["text"] as? String == """
        BBC reporter Max Matza is in Seattle, Washington, where 400 drones lit up the night sky on Monday to display the score of the Egypt v Belgium match.
        'It's like bringing the party here', said one spectator.
        """)
        #expect(object["published"] is NSNull)
        #expect(object["url"] is NSNull)
        #expect(object["language"] as? String == "en")
    }
}
