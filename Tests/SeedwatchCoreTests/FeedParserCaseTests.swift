import Foundation
import Testing
@testable import SeedwatchCore

/// The feed-parsing side of the failure cases in `../shared/cases` (legacy charsets, byte order marks
/// and UTF-16, entities in titles, GUID changes on edit, missing or duplicated GUIDs, entity bombs,
/// wrong Content-Type), with exact values.
@Suite struct FeedParserCaseTests {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func legacyPrologCharsetWithoutHTTPCharset() throws {
        var body = bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>Desk</title>\n<item><guid isPermaLink=\"false\">d-1</guid>\n<title>Putin")
        body.append(0x92)
        body += bytes("s envoy lands in Pyongyang</title></item>\n</channel></rss>\n")
        let feed = try FeedParser.parse(body, contentType: "text/xml")
        #expect(feed.format == .rss20)
        #expect(feed.encoding == "windows-1252")
        #expect(feed.items.map(\.title) == ["Putin\u{2019}s envoy lands in Pyongyang"])
        #expect(feed.items.first?.guid == "d-1")
        #expect(feed.items.first?.itemKey == "d-1")
    }

    static let deskFeed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Desk</title><item><guid>b-1</guid><title>Mr Kim meets President Xi</title></item></channel></rss>"

    @Test func utf8ByteOrderMarkBeforeTheProlog() throws {
        let feed = try FeedParser.parse([0xEF, 0xBB, 0xBF] + bytes(Self.deskFeed))
        #expect(feed.format == .rss20)
        #expect(feed.encoding == "utf-8")
        #expect(feed.items.map(\.title) == ["Mr Kim meets President Xi"])
    }

    @Test func utf16LEWithByteOrderMark() throws {
        let doc = Self.deskFeed.replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"UTF-16\"")
        var body: [UInt8] = [0xFF, 0xFE]
        for unit in doc.utf16 { body.append(UInt8(unit & 0xFF)); body.append(UInt8(unit >> 8)) }
        let feed = try FeedParser.parse(body)
        #expect(feed.format == .rss20)
        #expect(feed.encoding == "utf-16le")
        #expect(feed.items.map(\.title) == ["Mr Kim meets President Xi"])
    }

    @Test func utf16LEWithoutByteOrderMark() throws {
        var body: [UInt8] = []
        for unit in Self.deskFeed.utf16 { body.append(UInt8(unit & 0xFF)); body.append(UInt8(unit >> 8)) }
        let feed = try FeedParser.parse(body)
        #expect(feed.items.map(\.title) == ["Mr Kim meets President Xi"])
    }

    @Test func byteOrderMarkOverridesTheHeaderCharset() throws {
        let doc = Self.deskFeed.replacingOccurrences(of: "President Xi", with: "Pr\u{E9}sident Xi")
        let feed = try FeedParser.parse([0xEF, 0xBB, 0xBF] + bytes(doc), contentType: "application/rss+xml; charset=iso-8859-1")
        #expect(feed.encoding == "utf-8")
        #expect(feed.items.map(\.title) == ["Mr Kim meets Pr\u{E9}sident Xi"])
        let plain = try FeedParser.parse([0xEF, 0xBB, 0xBF] + bytes(Self.deskFeed), contentType: "application/rss+xml; charset=iso-8859-1")
        #expect(plain.format == .rss20)
        #expect(plain.items.map(\.title) == ["Mr Kim meets President Xi"])
    }

    @Test func entitiesInCDATATitlesDecodedOnce() throws {
        let doc = """
        <rss version="2.0"><channel><title>Desk</title>
        <item><guid>c-1</guid><title><![CDATA[Kim Jong Un&#8217;s letter to Xi Jinping]]></title></item>
        <item><guid>c-2</guid><title>Putin &amp;amp; Xi Jinping sign deal</title></item>
        <item><guid>c-3</guid><title>Use of the &amp;lt;b&amp;gt; tag explained</title></item>
        <item><guid>c-4</guid><title>Mr Kim &amp; &lt;i&gt;the press&lt;/i&gt;</title></item>
        </channel></rss>
        """
        let feed = try FeedParser.parse(bytes(doc))
        #expect(feed.items.map(\.title) == [
            "Kim Jong Un\u{2019}s letter to Xi Jinping",
            "Putin & Xi Jinping sign deal",
            "Use of the <b> tag explained",
            "Mr Kim & <i>the press</i>",
        ])
        #expect(feed.items.map(\.itemKey) == ["c-1", "c-2", "c-3", "c-4"])
    }

    @Test func atomTextConstructs() throws {
        let doc = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
        <entry><id>a-1</id><title type="html"><![CDATA[Mr Kim &amp; President Xi]]></title></entry>
        <entry><id>a-2</id><title type="text">Mr Kim &amp;amp; President Xi</title></entry>
        <entry><id>a-3</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Mr <b>Kim</b> &amp; Xi</div></title></entry>
        </feed>
        """
        let feed = try FeedParser.parse(bytes(doc))
        #expect(feed.format == .atom10)
        #expect(feed.items.map(\.title) == ["Mr Kim & President Xi", "Mr Kim &amp; President Xi", "Mr Kim & Xi"])
    }

    @Test func dateVariantsInsideItems() throws {
        let doc = """
        <rss version="2.0"><channel><title>D</title>
        <item><guid>1</guid><pubDate>Sat, 28 Nov 26 22:05:03 +0300</pubDate></item>
        <item><guid>2</guid><pubDate>yesterday</pubDate></item>
        </channel></rss>
        """
        let feed = try FeedParser.parse(bytes(doc))
        #expect(feed.items.count == 2)
        #expect(feed.items.map { $0.published.map(AlertTimestamp.format) } == ["2026-11-28T19:05:03Z", nil])
    }

    static func editedItem(slug: String, title: String) -> String {
        """
        <rss version="2.0"><channel><title>News</title><item>
         <guid isPermaLink="true">https://news.example.com/world/\(slug)-88121</guid>
         <link>https://news.example.com/world/\(slug)-88121</link>
         <title>\(title)</title>
         <description>The North Korean leader arrived by train on Saturday.</description>
         <pubDate>Sat, 28 Nov 2026 06:00:00 +0000</pubDate>
        </item></channel></rss>
        """
    }

    @Test func itemKeysFollowTheGUIDWhenTheHeadlineIsEdited() throws {
        let poll1 = try FeedParser.parse(bytes(Self.editedItem(slug: "kim-jong-un-vists-beijing", title: "Kim Jong Un vists Beijing")))
        let poll2 = try FeedParser.parse(bytes(Self.editedItem(slug: "kim-jong-un-visits-beijing", title: "Kim Jong Un visits Beijing")))
        let a = try #require(poll1.items.first), b = try #require(poll2.items.first)
        #expect(a.itemKey == "https://news.example.com/world/kim-jong-un-vists-beijing-88121")
        #expect(b.itemKey == "https://news.example.com/world/kim-jong-un-visits-beijing-88121")
        #expect(a.summary == b.summary)
        #expect(a.summary == "The North Korean leader arrived by train on Saturday.")
        #expect(a.published == b.published)
        #expect(a.published.map(AlertTimestamp.format) == "2026-11-28T06:00:00Z")
        // The same item with an edited headline keeps its key.
        let edited = try FeedParser.parse(bytes(Self.editedItem(slug: "kim-jong-un-vists-beijing", title: "Kim Jong Un visits Beijing")))
        #expect(edited.items.first?.itemKey == a.itemKey)
    }

    @Test func duplicateGUIDsAndSharedLinks() throws {
        let doc = """
        <rss version="2.0"><channel><title>Board</title>
        <item><guid>https://board.example/feed/</guid><link>https://board.example/p/1</link><title>Putin visits Pyongyang</title></item>
        <item><guid>https://board.example/feed/</guid><link>https://board.example/p/2</link><title>Xi Jinping hosts summit</title></item>
        <item><link>https://board.example/news</link><title>Mr Kim inspects factory</title><pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate></item>
        <item><link>https://board.example/news</link><title>Weather update</title><pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate></item>
        </channel></rss>
        """
        let feed = try FeedParser.parse(bytes(doc))
        let keys = feed.items.map(\.itemKey)
        #expect(keys.count == 4)
        #expect(Set(keys).count == 4)
        #expect(keys[0] == "https://board.example/p/1")
        #expect(keys[1] == "https://board.example/p/2")
        #expect(keys[2] == ItemKey.hashKey(link: "https://board.example/news", title: "Mr Kim inspects factory",
                                           published: FeedDate.parse("2026-11-28T08:00:00Z")))
        #expect(keys[2].hasPrefix("sha256:") && keys[2].count == 71)
        // A headline edit of an item without GUID but with a unique link keeps the key.
        let edited = try FeedParser.parse(bytes(doc.replacingOccurrences(of: "Putin visits", with: "Putin tours")))
        #expect(edited.items.map(\.itemKey)[0] == keys[0])
    }

    /// Feed text keeps U+00A0 as published (feedparser's entities/nbsp.xml expects it), while page
    /// text collapses it: the item key hashes the normalised title, so it is the same either way.
    @Test func noBreakSpaceInATitleKeepsTheItemKey() throws {
        let published = FeedDate.parse("2026-11-28T08:00:00Z")
        let withNoBreak = ItemKey.hashKey(link: nil, title: "Kim\u{00A0}Jong Un visits\u{00A0} Moscow", published: published)
        #expect(withNoBreak == ItemKey.hashKey(link: nil, title: "Kim Jong Un visits Moscow", published: published))
        let feed = try FeedParser.parse(bytes("<rss><channel><title>t</title><item><title>Kim&#160;Jong Un visits Moscow</title>"
            + "<pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>"))
        #expect(feed.items.first?.title == "Kim\u{00A0}Jong Un visits Moscow")
        #expect(feed.items.first?.itemKey == ItemKey.hashKey(link: nil, title: "Kim Jong Un visits Moscow", published: published))
    }

    @Test func itemKeyLinkNormalisation() {
        #expect(URIReference.normalizedLink("HTTPS://News.Example.COM/World/A?x=1#top") == "https://news.example.com/World/A?x=1")
    }

    @Test func externalEntityNeverRead() throws {
        let doc = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [ <!ENTITY leak SYSTEM "file:///etc/hostname"> ]>
        <rss version="2.0"><channel><title>T</title>
        <item><guid>x-1</guid><title>Briefing &leak; on Mr Kim</title></item></channel></rss>
        """
        let feed = try FeedParser.parse(bytes(doc))
        #expect(feed.items.map(\.title) == ["Briefing on Mr Kim"])
    }

    @Test func billionLaughsIsHarmless() throws {
        var decls = "<!ENTITY a \"ha\">"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        for k in 1..<names.count {
            decls += " <!ENTITY \(names[k]) \"" + String(repeating: "&\(names[k - 1]);", count: 10) + "\">"
        }
        let doc = "<!DOCTYPE rss [ \(decls) ]>\n<rss version=\"2.0\"><channel><title>&j;</title><item><guid>z</guid><title>&j;x</title></item></channel></rss>"
        let start = Date()
        let feed = try FeedParser.parse(bytes(doc))
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(feed.title == "")
        #expect(feed.items.map(\.title) == ["x"])
    }

    @Test func manyPredefinedEntitiesParse() throws {
        let description = String(repeating: "&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;", count: 50_000)
        let doc = "<rss version=\"2.0\"><channel><title>Big</title><item><guid>1</guid><title>One</title><description>\(description)</description></item></channel></rss>"
        let feed = try FeedParser.parse(bytes(doc))
        #expect(feed.items.count == 1)
        #expect(feed.items[0].summary.hasPrefix("Tom & Jerry\nTom & Jerry\n"))
    }

    @Test func netscapeDoctypeAndHTMLEntities() throws {
        let doc = """
        <?xml version="1.0"?>
        <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
        <rss version="0.91"><channel><title>Wire</title><link>https://wire.example/</link>
        <item><title>Caf&eacute; talks with President Xi</title><link>https://wire.example/1</link></item></channel></rss>
        """
        let feed = try FeedParser.parse(bytes(doc))
        #expect(feed.format == .rss091)
        #expect(feed.items.map(\.title) == ["Caf\u{E9} talks with President Xi"])
    }

    static let rdfServedAsAnyType = """
    <?xml version="1.0" encoding="utf-8"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="https://blog.example/"><title>Blog</title><link>https://blog.example/</link>
        <items><rdf:Seq><rdf:li rdf:resource="https://blog.example/p/9"/></rdf:Seq></items></channel>
      <item rdf:about="https://blog.example/p/9"><title>Xi Jinping and Putin in Beijing</title><link>https://blog.example/p/9</link></item>
    </rdf:RDF>
    """

    @Test(arguments: ["application/octet-stream", "text/html", "text/plain", "application/xml", nil] as [String?])
    func detectionIgnoresTheContentType(_ contentType: String?) throws {
        let feed = try FeedParser.parse(bytes(Self.rdfServedAsAnyType), contentType: contentType)
        #expect(feed.format == .rss10)
        #expect(feed.title == "Blog")
        #expect(feed.items.count == 1)
        #expect(feed.items[0].title == "Xi Jinping and Putin in Beijing")
        #expect(feed.items[0].link == "https://blog.example/p/9")
        #expect(feed.items[0].guid == "https://blog.example/p/9")
        #expect(feed.items[0].itemKey == "https://blog.example/p/9")
    }

    @Test func jsonFeedDetectedFromContent() throws {
        let doc = """
        {"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": [
          {"id": "w-1", "url": "https://wire.example/1", "title": "Xi Jinping and Putin in Beijing",
           "content_html": "<p>First.</p><p>Second &amp; last.</p>", "date_published": "2026-11-28T10:00:00+09:00"}]}
        """
        let feed = try FeedParser.parse(bytes(doc), contentType: "application/xml")
        #expect(feed.format == .jsonFeed11)
        #expect(feed.items.map(\.title) == ["Xi Jinping and Putin in Beijing"])
        #expect(feed.items[0].content == "First.\nSecond & last.")
        #expect(feed.items[0].published.map(AlertTimestamp.format) == "2026-11-28T01:00:00Z")
        #expect(feed.items[0].article.body == "First.\nSecond & last.")
    }

    @Test func htmlPageIsNotAFeed() {
        #expect(throws: FeedParseError.notAFeed(found: "root element <html>")) {
            try FeedParser.parse(Array("<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi</p></body></html>".utf8),
                                 contentType: "application/rss+xml")
        }
        #expect(throws: FeedParseError.empty) { try FeedParser.parse(Array("  \n".utf8)) }
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(throws: FeedParseError.notAFeed(found: "a JSON object without a jsonfeed.org version")) {
            try FeedParser.parse(Array("{\"version\": \"2\", \"items\": []}".utf8))
        }
        #expect(throws: FeedParseError.notAFeed(found: "text starting \"Kim Jong Un watched \"")) {
            try FeedParser.parse(Array("Kim Jong Un watched an ICBM launch.".utf8))
        }
        do {
            _ = try FeedParser.parse(Array("\n\n<".utf8))
            Issue.record("a lone < parsed")
        } catch {
            guard case .xml(let line, let message) = error else { Issue.record("\(error)"); return }
            #expect(line >= 1)
            #expect(!message.isEmpty)
        }
        do {
            _ = try FeedParser.parse(Array("{\"version\": ".utf8))
            Issue.record("truncated JSON parsed")
        } catch {
            guard case .json = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func relativeLinksResolveAgainstXMLBase() throws {
        let doc = """
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://site.example/blog/"><title>S</title>
        <entry xml:base="2026/"><id>e1</id><title>One</title><link href="../p/1.html#c"/></entry>
        <entry><id>e2</id><title>Two</title><link rel="alternate" href="/abs"/></entry>
        </feed>
        """
        let feed = try FeedParser.parse(bytes(doc), baseURL: "https://other.example/feed.xml")
        #expect(feed.items.map(\.link) == ["https://site.example/blog/p/1.html#c", "https://site.example/abs"])
    }

    @Test func rfc3986ResolutionExamples() {
        let base = "http://a/b/c/d;p?q"
        let expected: [(String, String)] = [
            ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
            ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("#s", "http://a/b/c/d;p?q#s"), ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"), ("..", "http://a/b/"), ("../..", "http://a/"), ("../../../g", "http://a/g"),
            ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"),
        ]
        for (ref, result) in expected {
            #expect(URIReference.resolve(ref, against: base) == result, "\(ref)")
        }
    }

    /// A feed whose channel `<title>` is never closed swallows its items: libxml2's recovery leaves
    /// none. Such a feed fails with libxml2's error and its line (the poller counts the feed as
    /// failing, `feeds check` and a dropped file report it) instead of reading as an empty feed,
    /// which looked polled and healthy while every item was lost. A feed cut off mid-item keeps the
    /// items recovery reads, and a well-formed feed without items is an empty feed.
    @Test func anIllFormedFeedThatRecoveryLeavesEmptyFailsWithItsXMLError() throws {
        let swallowed = "<rss version=\"2.0\"><channel><title>Broken<item><title>Unclosed &amp; bad</title>"
            + "<description>Kim Jong Un met Putin</descr"
        #expect(throws: FeedParseError.xml(line: 1, message: "expected '>'")) { try FeedParser.parse(bytes(swallowed)) }
        #expect(throws: FeedParseError.xml(line: 1, message: "expected '>'")) { try FeedStream(bytes(swallowed)) }
        #expect(FeedParseError.xml(line: 1, message: "expected '>'").description == "XML error at line 1: expected '>'")

        let cut = "<rss version=\"2.0\"><channel><title>B</title><item><title>Kim Jong Un met Putin in Pyongyang</title>"
            + "<description>Kim Jong Un met Putin</description></item><item><title>Second</title><description>cut here"
        #expect(try FeedParser.parse(bytes(cut)).items.map(\.title) == ["Kim Jong Un met Putin in Pyongyang", "Second"])
        let empty = try FeedParser.parse(bytes("<rss version=\"2.0\"><channel><title>Quiet desk</title></channel></rss>"))
        #expect(empty.title == "Quiet desk")
        #expect(empty.items.isEmpty)
    }
}
