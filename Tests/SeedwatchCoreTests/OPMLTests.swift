import Foundation
import SeedwatchCore
import Testing

/// `seedwatch feeds import` and `export`: OPML 2.0 (opml.org/spec2.opml) read and written.
@Suite("OPML")
struct OPMLTests {
    static let nested = """
    <?xml version="1.0" encoding="UTF-8"?>
    <opml version="2.0">
      <head><title>Subscriptions</title></head>
      <body>
        <outline text="Asia">
          <outline text="Korea">
            <outline type="rss" text="NK News" xmlUrl="https://www.nknews.org/feed/"/>
            <outline type="rss" text="38 North" title="38 North: DPRK &amp; more" xmlUrl="https://www.38north.org/feed/"/>
          </outline>
          <outline type="link" text="A page" url="https://example.org/page"/>
        </outline>
        <outline type="rss" xmlUrl="https://WWW.nknews.org:443/feed/?utm_source=reader"/>
        <outline type="rss" text="Gopher" xmlUrl="gopher://example.org/feed"/>
        <outline text="Empty category"/>
      </body>
    </opml>
    """

    @Test func feedsAtEveryDepthOfCategoriesAreRead() throws {
        let result = try OPMLReader.read(Array(Self.nested.utf8))
        #expect(result.feeds == [
            OPMLFeed(url: "https://www.nknews.org/feed/", title: "NK News"),
            OPMLFeed(url: "https://www.38north.org/feed/", title: "38 North: DPRK & more"),
            OPMLFeed(url: "https://WWW.nknews.org:443/feed/?utm_source=reader", title: nil),
            OPMLFeed(url: "gopher://example.org/feed", title: "Gopher"),
        ])
        #expect(result.skippedOutlines == 2)
    }

    @Test func theImportPlanReportsDuplicatesAndURLsTheConfigurationRefuses() throws {
        let result = try OPMLReader.read(Array(Self.nested.utf8))
        let plan = FeedImportPlan(imported: result.feeds, configured: ["HTTPS://www.38north.org:443/feed/"])
        #expect(plan.added == [OPMLFeed(url: "https://www.nknews.org/feed/", title: "NK News")])
        #expect(plan.duplicates == [
            .init(url: "https://www.38north.org/feed/", reason: "already configured as HTTPS://www.38north.org:443/feed/"),
            .init(url: "https://WWW.nknews.org:443/feed/?utm_source=reader", reason: "listed earlier in the file as https://www.nknews.org/feed/"),
        ])
        #expect(plan.invalid == [.init(url: "gopher://example.org/feed", reason: "its scheme is 'gopher:'; a feed URL starts with http:// or https://")])
    }

    @Test func aLatin1FileIsDecodedByItsDeclaration() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<opml version=\"1.0\"><body>".utf8)
            + Array("<outline text=\"Le Monde \u{E0} la une\" xmlUrl=\"https://www.lemonde.fr/rss/une.xml\"/>".unicodeScalars.map { UInt8($0.value) })
            + Array("</body></opml>".utf8)
        #expect(try OPMLReader.read(bytes).feeds == [OPMLFeed(url: "https://www.lemonde.fr/rss/une.xml", title: "Le Monde \u{E0} la une")])
    }

    @Test func illFormedXMLIsAnErrorWithItsLine() {
        let bad = "<opml version=\"2.0\">\n<body>\n<outline text=\"a\" xmlUrl=\"https://a.example/x\">\n</body></opml>\n"
        #expect(throws: OPMLReader.ReadError.xml(line: 4, message: "Opening and ending tag mismatch: outline line 3 and body")) {
            try OPMLReader.read(Array(bad.utf8))
        }
        #expect(OPMLReader.ReadError.xml(line: 4, message: "m").description == "line 4: XML error: m")
    }

    @Test func aDocumentThatIsNotOPMLIsNamed() {
        #expect(throws: OPMLReader.ReadError.notOPML(found: "rss")) {
            try OPMLReader.read(Array("<rss version=\"2.0\"><channel/></rss>".utf8))
        }
        #expect(throws: OPMLReader.ReadError.noBody) {
            try OPMLReader.read(Array("<opml version=\"2.0\"><head/></opml>".utf8))
        }
    }

    @Test func exportWritesOPML2WithEscapedTitlesAndAnRFC822Date() throws {
        let created = Date(timeIntervalSince1970: 1_796_564_700)   // 2026-12-06T13:45:00Z
        let document = OPMLWriter.document(feeds: [
            OPMLFeed(url: "https://a.example/rss?x=1&y=2", title: #"Tom & Jerry <"news">"#),
            OPMLFeed(url: "https://b.example/feed"),
        ], title: "seedwatch feeds", created: created)
        #expect(document == """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head>
            <title>seedwatch feeds</title>
            <dateCreated>Sun, 06 Dec 2026 13:45:00 GMT</dateCreated>
          </head>
          <body>
            <outline type="rss" text="Tom &amp; Jerry &lt;&quot;news&quot;&gt;" title="Tom &amp; Jerry &lt;&quot;news&quot;&gt;" xmlUrl="https://a.example/rss?x=1&amp;y=2"/>
            <outline type="rss" text="https://b.example/feed" xmlUrl="https://b.example/feed"/>
          </body>
        </opml>

        """)
        let back = try OPMLReader.read(Array(document.utf8))
        #expect(back.feeds == [
            OPMLFeed(url: "https://a.example/rss?x=1&y=2", title: #"Tom & Jerry <"news">"#),
            OPMLFeed(url: "https://b.example/feed", title: "https://b.example/feed"),
        ])
    }

    /// The shipped configuration's example feeds, uncommented as its comment says, export to OPML
    /// that reads back to the same URLs.
    @Test func theShippedExampleFeedsExportAndReadBack() throws {
        let path = ShippedModel.packageRoot.appendingPathComponent("config/seedwatch.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "# feeds:"))
        let uncommented = lines[..<start].filter { $0 != "feeds: []" } + lines[start...].map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : $0 }
        let configuration = try ConfigurationReader.parse(uncommented.joined(separator: "\n"), file: path)
        let urls = configuration.feeds.map(\.url)
        #expect(urls.count == 14)
        #expect(urls.first == "https://feeds.bbci.co.uk/news/world/asia/rss.xml")
        #expect(urls.last == "https://www.sixthtone.com/rss")
        let document = OPMLWriter.document(feeds: configuration.feeds.map { OPMLFeed(url: $0.url, title: $0.title) },
                                           title: "seedwatch feeds", created: Date(timeIntervalSince1970: 0))
        #expect(try OPMLReader.read(Array(document.utf8)).feeds.map(\.url) == urls)
    }

    /// RSParser's subscription lists (NetNewsWire), read where they lie in `../shared/corpus`.
    @Test func netNewsWireSubscriptionListsImport() throws {
        let folder = ShippedModel.corpusRoot.appendingPathComponent("feeds/suites/RSParser/Tests/RSParserTests/Resources")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print("skipped: ../shared/corpus (RSParser's Subs.opml) is absent")
            return
        }
        for name in ["Subs.opml", "SubsNoTitleAttributes.opml"] {
            let bytes = try Array(Data(contentsOf: folder.appendingPathComponent(name)))
            let result = try OPMLReader.read(bytes)
            #expect(result.feeds.count == 207, "\(name)")
            #expect(result.skippedOutlines == 0, "\(name)")
            #expect(result.feeds.first == OPMLFeed(url: "http://daringfireball.net/feeds/main", title: "Daring Fireball"), "\(name)")
            #expect(result.feeds[4] == OPMLFeed(url: "http://corinnekrych.blogspot.com/feeds/posts/default", title: "chat & code"), "\(name)")
            #expect(result.feeds.last == OPMLFeed(url: "http://www.gerrold.com/feed/", title: "Gerrold"), "\(name)")
            let plan = FeedImportPlan(imported: result.feeds, configured: [])
            #expect(plan.added.count == 206, "\(name)")
            #expect(plan.duplicates == [.init(url: "http://feed.katiefloyd.com/", reason: "listed earlier in the file as http://feed.katiefloyd.com")], "\(name)")
            #expect(plan.invalid == [], "\(name)")
        }
    }
}
