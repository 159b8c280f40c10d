import Foundation
import Testing
@testable import SeedwatchCore

/// Element choice and fallbacks of the RSS and Atom readers, and the two character repairs, with exact values.
@Suite struct FeedParserFallbackTests {
    private func parse(_ s: String) throws -> ParsedFeed { try FeedParser.parse(Array(s.utf8)) }

    /// Several `<link>`s: the last http(s) one (content, else `href`) that is not a comments link, as gofeed.
    @Test func severalRSSLinksGiveTheLastWebLinkThatIsNotACommentsLink() throws {
        let feed = try parse("""
        <rss version="2.0"><channel><title>D</title>
        <item><title>A</title><link/><link>https://a.example/1</link><link>https://a.example/2</link><link href="https://a.example/3"/></item>
        <item><title>B</title><link>https://a.example/4</link><link>https://a.example/4#comments</link></item>
        </channel></rss>
        """)
        #expect(feed.items.map(\.link) == ["https://a.example/3", "https://a.example/4"])
    }

    @Test func rssElementNamesIgnoreASCIICase() throws {
        let feed = try parse("<rss><channel><TiTlE>Example title</TiTlE><item><Title>Kim in Beijing</Title></item></channel></rss>")
        #expect(feed.title == "Example title")
        #expect(feed.items.map(\.title) == ["Kim in Beijing"])
    }

    @Test func itunesAndMediaRSSFallbacks() throws {
        let feed = try parse("""
        <rss xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/"><channel>
        <item><itunes:summary>Episode summary</itunes:summary><media:title>Episode 9</media:title></item>
        <item><title>Own title</title><media:title>Media title</media:title>
          <media:group><media:description>Grouped description</media:description></media:group></item>
        </channel></rss>
        """)
        #expect(feed.items.map(\.title) == ["Episode 9", "Own title"])
        #expect(feed.items.map(\.summary) == ["Episode summary", "Grouped description"])
    }

    @Test func rssSummaryAndDescriptionInDocumentOrder() throws {
        let feed = try parse("""
        <rss version="2.0"><channel>
        <item><description>First description</description><summary>Then summary</summary></item>
        <item><summary>First summary</summary><description>Then description</description></item>
        <item><description>Only description</description></item>
        </channel></rss>
        """)
        #expect(feed.items.map(\.summary) == ["First description", "First summary", "Only description"])
        #expect(feed.items.map(\.content) == ["Then summary", "Then description", ""])
    }

    @Test func atom03DatesAndRepeatedUpdated() throws {
        let atom03 = try parse("""
        <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>
        <entry><title>A</title><issued>2004-01-01T10:00:00Z</issued><modified>2004-01-02T11:00:00Z</modified></entry>
        <entry><title>B</title><modified>Thu, 01 Jan 2004 19:48:21 GMT</modified></entry>
        </feed>
        """)
        #expect(atom03.items.map { $0.published.map(AlertTimestamp.format) } == ["2004-01-01T10:00:00Z", nil])
        #expect(atom03.items.map { $0.updated.map(AlertTimestamp.format) } == ["2004-01-02T11:00:00Z", "2004-01-01T19:48:21Z"])
        #expect(atom03.items[1].article.published.map(AlertTimestamp.format) == "2004-01-01T19:48:21Z")

        let repeated = try parse("""
        <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e</id>
        <updated>2010-12-01T10:14:55Z</updated><updated>2003-12-31T10:14:55Z</updated></entry></feed>
        """)
        #expect(repeated.items.first?.updated.map(AlertTimestamp.format) == "2003-12-31T10:14:55Z")
    }

    @Test func c1ControlsReadAsWindows1252() throws {
        // U+0092 written as a UTF-8 character (C2 92), in text and in CDATA.
        let feed = try parse("<rss version=\"2.0\"><channel><item><title>Putin\u{92}s envoy</title><description><![CDATA[don\u{92}t]]></description></item></channel></rss>")
        #expect(feed.items.first?.title == "Putin\u{2019}s envoy")
        #expect(feed.items.first?.summary == "don\u{2019}t")
    }

    @Test func doubleEncodedUTF8IsRepaired() throws {
        let feed = try parse("""
        <rss version="2.0"><channel><title>Caf&#233;</title>
        <item><title>Kim Jong Un&#226;&#128;&#153;s letter</title><description>&#226;&#128;&#166;</description></item>
        <item><title>Caf&#233; talks, &#169; 2026</title></item>
        </channel></rss>
        """)
        #expect(feed.title == "Caf\u{E9}")
        #expect(feed.items.map(\.title) == ["Kim Jong Un\u{2019}s letter", "Caf\u{E9} talks, \u{A9} 2026"])
        #expect(feed.items.first?.summary == "\u{2026}")
        #expect(DoubleEncodedUTF8.repair("Ã©tÃ©") == "été")
        #expect(DoubleEncodedUTF8.repair("Président Xi, 北京") == "Président Xi, 北京")
    }
}
